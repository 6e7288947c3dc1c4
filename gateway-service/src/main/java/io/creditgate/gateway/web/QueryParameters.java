package io.creditgate.gateway.web;

import org.springframework.web.reactive.function.server.ServerRequest;

/** The gateway's /api query parameters, read one rule for every handler: a bad value is a 400 that names it. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent; else 400 {@code invalid_<name>}. */
    public static int intParam(ServerRequest request, String name, int fallback, int min, int max) {
        String value = request.queryParam(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw OpenAiError.invalidRequest("invalid_" + name, "'" + name + "' must be a whole number from " + min + " to "
                + max + ".", name).asException();
    }
}
