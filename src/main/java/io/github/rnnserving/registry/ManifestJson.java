package io.github.rnnserving.registry;

import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.web.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an import's {@code model.json}. A value the records refuse is a 400 naming the manifest
 * field it sits at ({@code manifest.architecture.hiddenSize}), in words of its own rather than the
 * JSON library's, which name Java types.
 */
final class ManifestJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The records' own messages start with the property at fault: "hiddenSize must be 1 to 4096". */
    private static final Pattern PROPERTY_FIRST = Pattern.compile("^([a-z][A-Za-z]*) (?:must|is required)");

    private ManifestJson() {}

    static ImportManifest parse(byte[] json) {
        try {
            return JSON.readValue(json, ImportManifest.class);
        } catch (JacksonException e) {
            StringBuilder field = new StringBuilder("manifest");
            for (JacksonException.Reference reference : e.getPath()) {
                if (reference.getPropertyName() != null) {
                    field.append('.').append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            if (e instanceof InvalidTypeIdException kind) {
                // the one polymorphic value of model.json is the input spec, named by its "kind"
                throw new InvalidInputException(
                        field + ".kind",
                        "manifest is not a valid model.json: "
                                + (kind.getTypeId() == null
                                        ? "input kind is required: " + InputKind.expected()
                                        : "unknown input kind '" + kind.getTypeId() + "': expected "
                                                + InputKind.expected()));
            }
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException refused && refused.getMessage() != null) {
                Matcher property = PROPERTY_FIRST.matcher(refused.getMessage());
                String at = property.find() ? field + "." + property.group(1) : field.toString();
                throw new InvalidInputException(at, "manifest is not a valid model.json: " + refused.getMessage());
            }
            if (e instanceof StreamReadException) {
                throw new InvalidInputException(
                        "manifest",
                        "manifest is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr() + ")");
            }
            throw new InvalidInputException(
                    field.toString(),
                    "manifest is not a valid model.json: " + field + " is missing or of the wrong type");
        }
    }
}
