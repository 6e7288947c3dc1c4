package io.creditgate.web.security;

import java.io.IOException;

import io.creditgate.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 in the services' error shape. The messages never repeat the token or say why a token failed beyond
 * "invalid": the reason helps an attacker more than a legitimate client, whose token is simply to be renewed.
 */
final class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String message = failure instanceof InvalidBearerTokenException || hasBearer(request)
                ? "the bearer token is invalid or expired"
                : "authentication required: send Authorization: Bearer <access token>";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ApiErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "this account or role may not call " + request.getMethod() + " " + request.getRequestURI());
    }

    private static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer", 0, 6);
    }
}
