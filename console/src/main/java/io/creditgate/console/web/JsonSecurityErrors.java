package io.creditgate.console.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 of the APIs as JSON: an API never redirects to the login page. */
public final class JsonSecurityErrors {

    private JsonSecurityErrors() {
    }

    public static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                "Sign in first, or send an API token as Authorization: Bearer cgt_....");
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "Your roles do not allow this.");
    }

    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"code\":\"" + code + "\"}}");
    }
}
