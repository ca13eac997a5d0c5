package io.github.rnnserving.session;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.ImageRowsEncoder;
import io.github.rnnserving.model.InputEncoder;
import io.github.rnnserving.model.text.PieceTokenizer;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.UnsplittablePieceException;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.web.InvalidInputException;

/**
 * A step request's piece, checked against the session's model and what the session has read:
 * text through the model's tokenizer, piece by piece ({@link PieceTokenizer}), or image rows of
 * the model's width. The limits count the steps already read, those inside a state token too.
 */
final class StepInputs {

    private final RnnProperties.Sessions limits;

    StepInputs(RnnProperties.Sessions limits) {
        this.limits = limits;
    }

    /** The piece's steps, and the tokenizer's carry-over after it. */
    record Piece(EncodedInput steps, int carry) {}

    /** The most steps a session of {@code model} reads: its text length or rows, and the service's limit. */
    int maxSteps(ServedModel model) {
        InputEncoder encoder = model.encoder();
        int ownLimit = encoder instanceof TextEncoder text
                ? text.maxLength()
                : encoder instanceof ImageRowsEncoder image ? image.rows() : limits.maxSteps();
        return Math.min(ownLimit, limits.maxSteps());
    }

    Piece read(ServedModel model, SessionState before, SessionRequests.Step request) {
        InputEncoder encoder = model.encoder();
        if (encoder instanceof TextEncoder text) {
            if (request.rows() != null) {
                throw new InvalidInputException(
                        "rows",
                        "model '" + model.manifest().name() + "' reads text: send the next piece as text, not rows");
            }
            return readText(text, before, request.text(), maxSteps(model));
        }
        ImageRowsEncoder image = (ImageRowsEncoder) encoder;
        if (request.text() != null) {
            throw new InvalidInputException(
                    "text",
                    "model '" + model.manifest().name() + "' reads " + image.rows() + "×" + image.columns()
                            + " images row by row: send the next rows as rows, not text");
        }
        return readRows(image, before, request.rows(), maxSteps(model));
    }

    private Piece readText(TextEncoder encoder, SessionState before, String text, int maxSteps) {
        if (text == null) {
            throw new InvalidInputException("text", "text is required: the next piece of the text");
        }
        int length = text.codePointCount(0, text.length());
        if (length > limits.maxTextPerStep()) {
            throw new InvalidInputException(
                    "text",
                    "text has " + length + " characters; one step takes at most " + limits.maxTextPerStep()
                            + " (rnn.sessions.max-text-per-step): send it in more steps");
        }
        PieceTokenizer.Piece piece;
        try {
            piece = new PieceTokenizer(encoder.tokenizer()).next(PieceTokenizer.Carry.ofBits(before.carry()), text);
        } catch (UnsplittablePieceException e) {
            throw new InvalidInputException("text", e.getMessage(), e);
        }
        long[] ids = encoder.vocabulary().encode(piece.tokens());
        if (before.steps() == 0 && ids.length == 0) {
            throw new InvalidInputException(
                    "text",
                    "text has nothing to read (it is empty or only spaces), and the session has read nothing yet");
        }
        requireRoom(before.steps(), ids.length, maxSteps, "text", "tokens");
        return new Piece(new EncodedInput.TokenIds(ids), piece.carry().bits());
    }

    private static Piece readRows(ImageRowsEncoder encoder, SessionState before, int[][] rows, int maxSteps) {
        if (rows == null || rows.length == 0) {
            throw new InvalidInputException(
                    "rows", "rows is required: one or more image rows of " + encoder.columns() + " integers 0-255");
        }
        requireRoom(before.steps(), rows.length, maxSteps, "rows", "rows");
        int columns = encoder.columns();
        byte[] pixels = new byte[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            int[] row = rows[r];
            if (row == null || row.length != columns) {
                throw new InvalidInputException(
                        "rows[" + r + "]",
                        "rows[" + r + "] must hold " + columns + " integers 0-255, got "
                                + (row == null ? "null" : row.length + ""));
            }
            for (int c = 0; c < columns; c++) {
                if (row[c] < 0 || row[c] > 255) {
                    throw new InvalidInputException(
                            "rows[" + r + "][" + c + "]", "rows[" + r + "][" + c + "] must be 0 to 255, got " + row[c]);
                }
                pixels[r * columns + c] = (byte) row[c];
            }
        }
        return new Piece(new EncodedInput.PixelRows(pixels, rows.length, columns), 0);
    }

    private static void requireRoom(int read, int adding, int maxSteps, String field, String unit) {
        if (read + adding > maxSteps) {
            throw new InvalidInputException(
                    field,
                    "this session has read " + read + " of its at most " + maxSteps + " " + unit + "; these " + adding
                            + " do not fit (" + (maxSteps - read) + " left)");
        }
    }
}
