package io.creditgate.gateway.web;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's /api request bodies, read one way for every handler: a bad body or field is a 400 that names it. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object; anything else (nothing, not JSON, an array) is 400 {@code invalid_json}. */
    public static JsonNode object(JsonMapper json, byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw OpenAiError.invalidRequest("invalid_json", "The body must be a JSON object.", null).asException();
    }

    /** A string field as given, or null when absent or null; any other type is 400 {@code invalid_<field>}. */
    public static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw OpenAiError.invalidRequest("invalid_" + field, "'" + field + "' must be a string.", field).asException();
        }
        return value.asString();
    }
}
