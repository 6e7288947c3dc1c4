package io.creditgate.gateway.security;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security chain's refusals in the gateway's one error shape (OpenAI's), never an HTML page or a
 * {@code WWW-Authenticate}-only empty body: 401 {@code credentials_missing} (no bearer credential),
 * 401 {@code token_invalid} (expired, wrong issuer or audience, foreign signature, not the admin key), 503
 * {@code token_keys_unavailable} (the console's JWKS cannot be read), 403 {@code forbidden} (authenticated, wrong
 * role). Messages never repeat the credential.
 */
final class SecurityErrors implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final JsonMapper json;

    SecurityErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return write(exchange, errorOf(failure));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, new OpenAiError(HttpStatus.FORBIDDEN, "Your role does not allow "
                + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + ".",
                "permission_error", "forbidden", null));
    }

    static OpenAiError errorOf(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return OpenAiError.unauthorized("token_invalid", "The bearer credential is not valid here"
                    + (description == null ? "." : ": " + description));
        }
        if (failure instanceof AuthenticationServiceException) {
            return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, "The keys to check your token cannot be fetched "
                    + "from the console right now. Try again in a moment.", "server_error", "token_keys_unavailable", null);
        }
        return OpenAiError.unauthorized("credentials_missing",
                "Send your console token or the admin key as 'Authorization: Bearer <token>'.");
    }

    private Mono<Void> write(ServerWebExchange exchange, OpenAiError error) {
        return write(json, exchange, error);
    }

    static Mono<Void> write(JsonMapper json, ServerWebExchange exchange, OpenAiError error) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(error.body()));
        return response.writeWith(Mono.just(body));
    }
}
