package io.github.rnnserving.classify;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.ImageRowsEncoder;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.web.InvalidInputException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The decoding half of {@link ClassificationService}: a request's fields checked against its
 * model and its limits and turned into inputs (token ids, pixel rows, decoded uploads), each
 * refusal naming the field to fix.
 */
final class RequestInputs {

    private final RnnProperties.Limits limits;
    private final ImagePreprocessor images;

    RequestInputs(RnnProperties.Limits limits, ImagePreprocessor images) {
        this.limits = limits;
        this.images = images;
    }

    List<ClassifyInput> inputs(ServedModel model, ClassifyRequest request) {
        List<String> present = presentFields(request);
        if (present.size() != 1) {
            throw new InvalidInputException(
                    present.isEmpty() ? "text" : present.get(1),
                    "send exactly one of text, texts, image, images or imageBase64 (got " + present.size() + ")");
        }
        String field = present.get(0);
        InputSpec.RequestForm form = model.manifest().input().requestForm();
        if (!form.fields().contains(field)) {
            throw new InvalidInputException(
                    field, "model '" + request.model() + "' reads " + form.reads() + ": send " + oneOf(form.fields()));
        }
        // the model reads what this field carries, so its encoder is that kind's
        if (request.text() != null) {
            return List.of(text((TextEncoder) model.encoder(), request.text(), "text"));
        }
        if (request.texts() != null) {
            requireBatch("texts", request.texts().size());
            List<ClassifyInput> inputs = new ArrayList<>();
            for (int i = 0; i < request.texts().size(); i++) {
                inputs.add(text((TextEncoder) model.encoder(), request.texts().get(i), "texts[" + i + "]"));
            }
            return inputs;
        }
        ImageRowsEncoder imageRows = (ImageRowsEncoder) model.encoder();
        if (request.image() != null) {
            return List.of(image(imageRows, request.image(), "image"));
        }
        if (request.images() != null) {
            requireBatch("images", request.images().size());
            List<ClassifyInput> inputs = new ArrayList<>();
            for (int i = 0; i < request.images().size(); i++) {
                inputs.add(image(imageRows, request.images().get(i), "images[" + i + "]"));
            }
            return inputs;
        }
        return List.of(encodedImage(imageRows, request.imageBase64(), request.polarity()));
    }

    /** "text or texts", "image, images or imageBase64". */
    private static String oneOf(List<String> fields) {
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " or " + fields.get(fields.size() - 1);
    }

    /** The input fields the request holds, in the order the API lists them. */
    private static List<String> presentFields(ClassifyRequest request) {
        List<String> present = new ArrayList<>();
        if (request.text() != null) {
            present.add("text");
        }
        if (request.texts() != null) {
            present.add("texts");
        }
        if (request.image() != null) {
            present.add("image");
        }
        if (request.images() != null) {
            present.add("images");
        }
        if (request.imageBase64() != null) {
            present.add("imageBase64");
        }
        return present;
    }

    private ClassifyInput text(TextEncoder encoder, String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, field + " is empty");
        }
        if (text.length() > limits.maxTextLength()) {
            throw new InvalidInputException(
                    field, field + " has " + text.length() + " characters; the limit is " + limits.maxTextLength());
        }
        List<String> tokens = encoder.tokenizer().tokenize(text);
        tokens = tokens.subList(0, Math.min(tokens.size(), encoder.maxLength()));
        if (tokens.isEmpty()) {
            throw new InvalidInputException(field, field + " has nothing the model can read");
        }
        return new ClassifyInput(new EncodedInput.TokenIds(encoder.vocabulary().encode(tokens)), List.copyOf(tokens));
    }

    private ClassifyInput image(ImageRowsEncoder encoder, int[][] rows, String field) {
        if (rows == null || rows.length != encoder.rows()) {
            throw new InvalidInputException(
                    field, field + " must have " + encoder.rows() + " rows, got " + (rows == null ? 0 : rows.length));
        }
        byte[] pixels = new byte[encoder.rows() * encoder.columns()];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != encoder.columns()) {
                throw new InvalidInputException(
                        field + "[" + r + "]",
                        field + "[" + r + "] must have " + encoder.columns() + " pixels, got "
                                + (rows[r] == null ? 0 : rows[r].length));
            }
            for (int c = 0; c < rows[r].length; c++) {
                int value = rows[r][c];
                if (value < 0 || value > 255) {
                    throw new InvalidInputException(
                            field + "[" + r + "][" + c + "]",
                            field + "[" + r + "][" + c + "] is " + value + "; pixels are 0 to 255");
                }
                pixels[r * encoder.columns() + c] = (byte) value;
            }
        }
        return new ClassifyInput(encoder.encode(pixels), null);
    }

    private ClassifyInput encodedImage(ImageRowsEncoder encoder, String base64, String polarity) {
        byte[] bytes;
        try {
            // strict alphabet (a typo must not decode to a silently shorter image); line breaks and a
            // data-URL prefix, as browsers produce them, are accepted
            String payload = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
            bytes = Base64.getDecoder().decode(payload.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("imageBase64", "imageBase64 is not valid base64: " + e.getMessage());
        }
        ImagePreprocessor.Polarity mode = polarity(polarity);
        byte[] pixels;
        try {
            pixels = images.toMnistRows(bytes, mode);
        } catch (InvalidImageException e) {
            throw new InvalidInputException("imageBase64", e.getMessage());
        }
        return new ClassifyInput(encoder.encode(pixels), null);
    }

    private static ImagePreprocessor.Polarity polarity(String value) {
        if (value == null || value.isBlank()) {
            return ImagePreprocessor.Polarity.AUTO;
        }
        try {
            return ImagePreprocessor.Polarity.valueOf(
                    value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("polarity", "polarity must be light-on-dark, dark-on-light or auto");
        }
    }

    private void requireBatch(String field, int size) {
        if (size < 1 || size > limits.maxBatchSize()) {
            throw new InvalidInputException(
                    field, field + " holds " + size + " items; a batch holds 1 to " + limits.maxBatchSize());
        }
    }
}
