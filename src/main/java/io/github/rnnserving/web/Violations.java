package io.github.rnnserving.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Bean Validation failures as the service's own 400 {@code invalid-input} problem: {@code field} is
 * the JSON path of the value at fault ({@code training.epochs}, {@code texts[1]}), as
 * {@link InvalidInputException} names it, and {@code detail} says what was wrong with every field
 * that failed.
 */
final class Violations {

    private Violations() {}

    record Violation(String field, String message, Object rejected) {

        String text() {
            String got = rejected == null || !isScalar(rejected) ? "" : ", got " + shortened(rejected);
            return field + " " + message + got;
        }

        /** A blank text has nothing to show, and a list or object would be too long to repeat. */
        private static boolean isScalar(Object value) {
            return value instanceof Number
                    || value instanceof Boolean
                    || (value instanceof CharSequence text && !text.toString().isBlank());
        }

        private static String shortened(Object value) {
            String text = PublicText.clean(String.valueOf(value));
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }

    static ProblemDetail problem(MethodArgumentNotValidException e) {
        List<Violation> found = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            found.add(new Violation(error.getField(), error.getDefaultMessage(), error.getRejectedValue()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> found.add(new Violation("body", error.getDefaultMessage(), null)));
        return problem(found);
    }

    /** Where a controller method's parameters carry constraints, Spring validates them, and a @Valid body, here. */
    static ProblemDetail problem(HandlerMethodValidationException e) {
        List<Violation> found = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                for (FieldError error : errors.getFieldErrors()) {
                    found.add(new Violation(error.getField(), error.getDefaultMessage(), error.getRejectedValue()));
                }
            } else {
                String name = parameterName(result);
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    found.add(new Violation(name, error.getDefaultMessage(), result.getArgument()));
                }
            }
        }
        return problem(found);
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    /** The first field by name is the one the problem names, so one request always reports the same. */
    private static ProblemDetail problem(List<Violation> found) {
        found.sort(Comparator.comparing(Violation::field));
        String detail = found.isEmpty()
                ? "the request is not valid"
                : found.stream().map(Violation::text).distinct().collect(Collectors.joining("; "));
        String field = found.isEmpty() ? null : found.get(0).field();
        return Problems.of(ProblemType.INVALID_INPUT, HttpStatus.BAD_REQUEST, detail, field);
    }
}
