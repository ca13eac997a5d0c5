package io.github.rnnserving.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a custom resource against the {@code openAPIV3Schema} of its CRD the way the API server's
 * structural schema validation does for what these manifests use: unknown fields (unless {@code
 * x-kubernetes-preserve-unknown-fields}), types and int32/int64 ranges, int-or-string, {@code
 * required}, {@code enum}, {@code minimum} and {@code pattern}. The root {@code metadata} is left to
 * the caller, as the API server checks it as ObjectMeta rather than by the CRD's schema.
 */
final class CrdSchema {

    private final JsonNode root;

    CrdSchema(JsonNode openApiV3Schema) {
        this.root = openApiV3Schema;
    }

    /** Every violation, as "path: what is wrong"; empty when the resource fits the schema. */
    List<String> violations(JsonNode resource) {
        List<String> violations = new ArrayList<>();
        walk(root, resource, "", violations);
        return violations;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (value.isNull()) {
            out.add(path + ": is empty (null)");
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isString()) {
                out.add(path + ": must be an integer or a string, got " + kind(value));
            }
        } else if (!hasType(value, schema.path("type").asString(""))) {
            out.add(path + ": must be " + schema.path("type").asString() + ", got " + kind(value));
            return;
        }
        checkValue(schema, value, path, out);
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
        if (value.isObject() && !path.equals("metadata")) {
            walkObject(schema, value, path, out);
        }
    }

    private static void walkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString())) {
                out.add(child(path, required.asString()) + ": is required");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = child(path, field.getKey());
            if (properties.has(field.getKey())) {
                walk(properties.get(field.getKey()), field.getValue(), fieldPath, out);
            } else if (additional.isObject()) {
                walk(additional, field.getValue(), fieldPath, out);
            } else if (!preserve) {
                out.add(fieldPath + ": unknown field");
            }
        }
    }

    private static void checkValue(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                out.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()
                && schema.has("minimum")
                && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (value.isIntegralNumber() && "int32".equals(schema.path("format").asString(""))) {
            if (!value.canConvertToInt()) {
                out.add(path + ": " + value + " does not fit in int32");
            }
        }
        if (value.isString() && schema.has("pattern")) {
            if (!Pattern.compile(schema.get("pattern").asString())
                    .matcher(value.asString())
                    .find()) {
                out.add(path + ": \"" + value.asString() + "\" does not match "
                        + schema.get("pattern").asString());
            }
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true; // no type: anything (the API server allows it only with anyOf and the like)
        };
    }

    private static String kind(JsonNode value) {
        if (value.isString()) {
            return "string \"" + value.asString() + "\"";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
