package io.github.rnnserving.registry;

import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.web.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * Reads the manifest; its {@code architecture} is read on its own as a {@link
     * DeclaredArchitecture}, whose every field may be absent, and the complete architecture is left
     * for the import to work out.
     */
    static ImportManifest parse(byte[] json) {
        JsonNode tree = read(json);
        JsonNode architecture = tree instanceof ObjectNode object ? object.remove("architecture") : null;
        ImportManifest manifest = convert(tree, ImportManifest.class, "manifest");
        if (architecture == null || architecture.isNull()) {
            return manifest;
        }
        return manifest.withDeclaredArchitecture(
                convert(architecture, DeclaredArchitecture.class, "manifest.architecture"));
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "manifest",
                    e.getLocation() == null
                            ? "manifest is not valid JSON"
                            : "manifest is not valid JSON (line "
                                    + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")");
        }
    }

    /** The node as a record, or a 400 naming the field at fault under {@code path}. */
    private static <T> T convert(JsonNode node, Class<T> type, String path) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            StringBuilder field = new StringBuilder(path);
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
            // Jackson's own words name Java types ("Cannot map `null` into type `int`"): never shown
            throw new InvalidInputException(
                    field.toString(),
                    "manifest is not a valid model.json: " + field + " is missing, null or of the wrong type");
        }
    }
}
