package io.creditgate.web;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into {@code {"error":{"message":..,"code":..}}} with a proper status. Clients never see a
 * stack trace; server faults are logged here and answered with a generic 500.
 *
 * <p>Last in order: a service's own advice (the ledger's command rejections) is asked first, and this one catches
 * whatever it leaves.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final JsonMapper ERROR_JSON = JsonMapper.builder().build();

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(ApiError.of(e.getMessage(), e.code()));
    }

    /** A user id that breaks the one rule, wherever a handler built one: 400 with the rule's code ({@code user_*}). */
    @ExceptionHandler(io.creditgate.schemas.identity.UserId.InvalidUserIdException.class)
    ResponseEntity<ApiError> invalidUserId(io.creditgate.schemas.identity.UserId.InvalidUserIdException e) {
        return error(HttpStatus.BAD_REQUEST, e.problem().code(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        RequestBodyLimit.TooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyLimit.CODE, tooLarge.getMessage());
        }
        return error(HttpStatus.BAD_REQUEST, "invalid_json", unreadableMessage(e));
    }

    /** The body limit's refusal, however deep the reader that met it wrapped it; else null. */
    private static RequestBodyLimit.TooLargeException tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.TooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", "parameter '" + e.getName() + "' has an invalid value");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        RequestBodyLimit.TooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyLimit.CODE, tooLarge.getMessage());
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            return error(framework.getStatusCode(), codeOf(framework.getStatusCode()), detail(framework));
        }
        log.error("request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the service failed to handle the request");
    }

    private static String unreadableMessage(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException jackson) {
            String field = fieldOf(jackson);
            if (field != null && (jackson instanceof DatabindException || jackson instanceof InputCoercionException)) {
                return "field '" + field + "' has the wrong type or is out of range";
            }
            return "the request body is not valid JSON";
        }
        return "the request body is missing or not valid JSON";
    }

    /** The JSON field a parse failure is about, or null. */
    private static String fieldOf(JacksonException jackson) {
        if (!jackson.getPath().isEmpty()) {
            return jackson.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        if (jackson instanceof StreamReadException read && read.processor() != null) {
            return read.processor().currentName();
        }
        return null;
    }

    private static String detail(ErrorResponse framework) {
        String detail = framework.getBody().getDetail();
        return detail != null ? detail : framework.getBody().getTitle();
    }

    private static String codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "invalid_request";
        };
    }

    /** The answer every service gives for a refused request. */
    public static ResponseEntity<ApiError> error(HttpStatusCode status, String code, String message) {
        return ResponseEntity.status(status).body(ApiError.of(message, code));
    }

    /** The same answer written by a servlet filter, which runs before any controller advice (401, 403, throttles). */
    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(ERROR_JSON.writeValueAsBytes(ApiError.of(message, code)));
    }
}
