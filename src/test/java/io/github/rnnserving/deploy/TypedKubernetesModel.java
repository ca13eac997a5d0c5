package io.github.rnnserving.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes objects into fabric8's typed model (generated from the Kubernetes OpenAPI
 * schema) and fails on anything that schema does not know: a value of the wrong type, or a field
 * fabric8 kept aside in {@code additionalProperties}.
 */
final class TypedKubernetesModel {

    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TypedKubernetesModel() {}

    /** {@code tree} as {@code type}; an AssertionError naming {@code source} and the fields at fault. */
    static <T> T read(JsonNode tree, Class<T> type, String source) {
        T value;
        try {
            value = YAML.treeToValue(tree, type);
        } catch (RuntimeException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
        // fabric8's classes keep unknown fields in additionalProperties instead of failing
        List<String> unknown = new ArrayList<>();
        collectUnknown(value, "", unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(
                    source + ": fields unknown to " + type.getSimpleName() + ": " + String.join(", ", unknown));
        }
        return value;
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknown(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // derived getters (Quantity's numerical amount and the like)
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + key));
                }
            } else if (isModelProperty(getter)) {
                collectUnknown(value, path + "." + property(getter), unknown);
            }
        }
    }

    private static boolean isModelProperty(Method getter) {
        Class<?> type = getter.getReturnType();
        return List.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type)
                || type.getName().startsWith("io.fabric8.kubernetes.api.model.");
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
