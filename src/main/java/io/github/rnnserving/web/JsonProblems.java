package io.github.rnnserving.web;

import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says in the service's own words what is wrong with a JSON body Jackson refused, and which field:
 * Jackson's messages name Java types, features and reference chains, which are no business of a
 * client (the full text goes to the log).
 */
final class JsonProblems {

    private JsonProblems() {}

    record Explained(String detail, String field) {}

    static Explained explain(JacksonException e) {
        String field = fieldOf(e);
        String where = field == null ? "the request body" : field;
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Explained(
                    "unknown field " + field + "; the API documentation lists the fields this endpoint takes", field);
        }
        if (e instanceof InvalidNullException) {
            return new Explained(where + " must not be null", field);
        }
        if (e instanceof ValueInstantiationException
                && e.getCause() instanceof IllegalArgumentException own
                && own.getMessage() != null) {
            // our own constructors' and factories' words, e.g. PromotionPolicy's
            return new Explained(PublicText.clean(own.getMessage()), field);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (field == null && mismatch.getTargetType() != null && isObject(mismatch.getTargetType())) {
                return new Explained("the request body must be a JSON object", null);
            }
            return new Explained(where + " must be " + expected(mismatch.getTargetType()), field);
        }
        if (e instanceof InputCoercionException) {
            return new Explained(where + " is a number out of range", field);
        }
        if (e instanceof StreamConstraintsException) {
            return new Explained("the request body is nested or sized beyond what this service reads", null);
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return new Explained("the request body is not valid JSON: it ends before its value is complete", null);
        }
        if (e instanceof StreamReadException) {
            return new Explained("the request body is not valid JSON" + at(e.getLocation()), field);
        }
        return new Explained(where + " does not fit this endpoint's request", field);
    }

    /** The JSON path of a value Jackson could not bind, e.g. {@code architecture.cell} or {@code texts[2]}. */
    static String fieldOf(JacksonException e) {
        if (e == null || e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class
                || type == Short.class) {
            return "an integer";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return type.isArray() && type.getComponentType().isArray() ? "an array of arrays" : "an array";
        }
        return "a JSON object";
    }

    private static boolean isObject(Class<?> type) {
        return type.isRecord() || Map.class.isAssignableFrom(type);
    }
}
