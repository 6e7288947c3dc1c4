package io.creditgate.console.web;

import io.creditgate.web.ApiErrors;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 of the APIs as JSON: an API never redirects to the login page. */
public final class JsonSecurityErrors {

    private JsonSecurityErrors() {
    }

    public static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                "Sign in first, or send an API token as Authorization: Bearer cgt_....");
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> ApiErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "Your roles do not allow this.");
    }
}
