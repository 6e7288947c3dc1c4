package io.creditgate.gateway.web;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error that escapes a handler in OpenAI's shape, never as a stack trace or Spring's
 * default error page: clients of an OpenAI-compatible API only know how to read this shape. On Anthropic's
 * path ({@code /v1/messages}) the same error is rendered in Anthropic's shape ({@link AnthropicError}),
 * which Anthropic's SDKs read. Runs before Boot's own handler (order -2 vs -1).
 */
@Component
@Order(-2)
class OpenAiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

    private final JsonMapper json;

    OpenAiErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        OpenAiError error = toOpenAiError(failure, exchange);
        response.setStatusCode(error.status());
        if (failure instanceof GatewayException gateway) {
            gateway.headers().forEach(response.getHeaders()::set);
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        Object shaped = AnthropicError.PATH.equals(exchange.getRequest().getPath().value())
                ? AnthropicError.of(error) : error.body();
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(shaped));
        return response.writeWith(Mono.just(body));
    }

    private static OpenAiError toOpenAiError(Throwable failure, ServerWebExchange exchange) {
        if (failure instanceof GatewayException gateway) {
            return gateway.error();
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), exchange);
        }
        log.error("Unexpected failure on {} {} (request {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), RequestIds.of(exchange), failure);
        return new OpenAiError(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed unexpectedly. Try again; if it persists, give your administrator the request id "
                        + RequestIds.of(exchange) + ".",
                "server_error", "internal_error", null);
    }

    private static OpenAiError fromStatus(HttpStatusCode code, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == HttpStatus.NOT_FOUND) {
            return new OpenAiError(status, "Unknown path " + exchange.getRequest().getPath()
                    + ". This gateway serves POST /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/responses"
                    + " and /v1/messages, GET /v1/models and GET /api/prices; nothing else is forwarded.",
                    "invalid_request_error", "not_found", null);
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            return new OpenAiError(status, "Method " + exchange.getRequest().getMethod() + " is not allowed on "
                    + exchange.getRequest().getPath() + ".", "invalid_request_error", "method_not_allowed", null);
        }
        if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            return new OpenAiError(status, "Send the request body as application/json.",
                    "invalid_request_error", "unsupported_media_type", null);
        }
        HttpStatus resolved = status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
        return new OpenAiError(resolved, resolved.getReasonPhrase() + ".",
                resolved.is4xxClientError() ? "invalid_request_error" : "server_error",
                resolved.name().toLowerCase(Locale.ROOT), null);
    }
}
