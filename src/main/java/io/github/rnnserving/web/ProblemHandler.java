package io.github.rnnserving.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 problem JSON: a {@code type} per kind of problem ({@link ProblemType}),
 * {@code title}, {@code status}, {@code detail}, {@code field} where one request field is at fault,
 * and the request's {@code correlationId}. The features' exceptions carry their problem themselves
 * ({@link org.springframework.web.ErrorResponseException} with a {@code /problems/} type), so this
 * class maps them without knowing any feature; anything else a handler throws is a bug, answered
 * 500 {@code /problems/internal-error}. Spring's own exceptions (wrong method or content type,
 * unreadable JSON, missing parts…) come through the base class and are reworded here: their texts
 * name Java types and methods. The full cause goes to the log, under the same correlation id.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** A Content-Type Spring could not parse, such as {@code charset="!!"}, reaches here outside content negotiation. */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ProblemDetail badContentType(RuntimeException e) {
        return client(
                e,
                Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, BAD_CONTENT_TYPE));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        return client(e, Problems.of(ProblemType.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = causeOf(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
        }
        if (causeOf(e, IllegalCharsetNameException.class) != null
                || causeOf(e, UnsupportedCharsetException.class) != null) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body(badContentType((RuntimeException) e.getMostSpecificCause()));
        }
        JacksonException json = causeOf(e, JacksonException.class);
        ProblemDetail problem;
        if (json != null) {
            JsonProblems.Explained explained = JsonProblems.explain(json);
            problem = Problems.of(
                    ProblemType.UNREADABLE_BODY, HttpStatus.BAD_REQUEST, explained.detail(), explained.field());
        } else {
            // Spring's "Required request body is missing: <the controller method's signature>", for an
            // empty body or a JSON null alike
            problem = Problems.of(
                    ProblemType.UNREADABLE_BODY,
                    HttpStatus.BAD_REQUEST,
                    "the request body must be a JSON object; it is empty or null");
        }
        return ResponseEntity.badRequest().body(client(e, problem));
    }

    /** A {@code @Valid} body breaking a constraint: the 400 naming the field, as hand-written checks give. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(client(e, Violations.problem(e)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(client(e, Violations.problem(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(client(
                        e,
                        Problems.of(
                                ProblemType.TOO_LARGE,
                                HttpStatus.CONTENT_TOO_LARGE,
                                "the upload exceeds the size limit")));
    }

    /**
     * Spring's other exceptions (405, 415, 404 for no handler or no static file, missing
     * parameters and parts, type mismatches…): the same status and headers, the body in this
     * service's words.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (e instanceof ErrorResponse own && Problems.isOwn(own.getBody())) {
            // a feature's exception (ModelNotFoundException, InvalidBundleException…) carries its
            // whole problem; its headers (Retry-After) arrive here as `headers`
            ProblemDetail problem = Problems.from(own.getBody());
            client(e, problem);
            return super.handleExceptionInternal(e, problem, headers, statusCode, request);
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        ProblemDetail problem;
        if (e instanceof MissingServletRequestParameterException missing) {
            problem = Problems.of(
                    ProblemType.INVALID_INPUT,
                    status,
                    missing.getParameterName() + " is required (a form field or query parameter)",
                    missing.getParameterName());
        } else if (e instanceof MissingServletRequestPartException missing) {
            problem = Problems.of(
                    ProblemType.INVALID_INPUT,
                    status,
                    "the multipart request needs a part named '" + missing.getRequestPartName() + "'",
                    missing.getRequestPartName());
        } else if (e instanceof TypeMismatchException mismatch) {
            problem = Problems.of(
                    ProblemType.INVALID_INPUT,
                    status,
                    mismatch.getPropertyName() + " must be " + expected(mismatch.getRequiredType()) + ", got '"
                            + shortened(PublicText.clean(String.valueOf(mismatch.getValue()))) + "'",
                    mismatch.getPropertyName());
        } else if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            problem = Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, status, unsupported(unsupported));
        } else {
            problem = Problems.of(ProblemType.forStatus(status.value()), status, springDetail(body, status));
        }
        if (status.is5xxServerError()) {
            log.error("request failed", e);
        } else {
            client(e, problem);
        }
        return super.handleExceptionInternal(e, problem, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return Problems.of(
                ProblemType.INTERNAL,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; the server log has it under this correlationId");
    }

    private static final String BAD_CONTENT_TYPE = "the Content-Type header cannot be read (a malformed media type"
            + " or an unknown charset); send application/json in UTF-8, or multipart/form-data where an endpoint takes"
            + " uploads";

    private static String unsupported(HttpMediaTypeNotSupportedException e) {
        if (e.getContentType() == null) {
            return BAD_CONTENT_TYPE;
        }
        String supported = e.getSupportedMediaTypes().stream()
                .map(Object::toString)
                .distinct()
                .collect(Collectors.joining(" or "));
        return "Content-Type '" + e.getContentType() + "' is not supported here"
                + (supported.isEmpty() ? "" : "; send " + supported);
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static String springDetail(Object body, HttpStatus status) {
        String detail = body instanceof ProblemDetail problem ? problem.getDetail() : null;
        return detail == null || detail.isBlank() ? status.getReasonPhrase() : PublicText.clean(detail);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Float.class || type == float.class || type == Double.class || type == double.class) {
            return "a number";
        }
        return "a value of another form";
    }

    /** A client's mistake: one line in the log, with the full text the answer leaves out. */
    private static ProblemDetail client(Exception e, ProblemDetail problem) {
        log.info("{} {}: {}", problem.getStatus(), problem.getType(), e.toString());
        return problem;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
