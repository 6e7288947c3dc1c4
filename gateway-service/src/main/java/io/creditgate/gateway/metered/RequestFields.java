package io.creditgate.gateway.metered;

import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks of request fields that every metered API shares, each a 400 in OpenAI's shape naming the field
 * (rendered in Anthropic's shape on {@code /v1/messages}). Only what the gateway needs to meter is checked;
 * everything else is the upstream's to judge.
 */
final class RequestFields {

    /** OpenAI's bounds: token limits are 32-bit integers. */
    static final long MAX_TOKEN_LIMIT = Integer.MAX_VALUE;

    private RequestFields() {
    }

    /** The body as a JSON object, or a 400 {@code invalid_json}. */
    static ObjectNode parseObject(JsonMapper json, byte[] bytes) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            throw OpenAiError.invalidRequest("invalid_json",
                    "The request body is not valid JSON: " + e.getOriginalMessage(), null).asException();
        }
        if (root == null || !root.isObject()) {
            throw OpenAiError.invalidRequest("invalid_json", "The request body must be a JSON object.", null)
                    .asException();
        }
        return (ObjectNode) root;
    }

    static String requireModel(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw OpenAiError.invalidRequest("model_missing", "The request names no model; set 'model'.", "model")
                    .asException();
        }
        if (!model.isString() || model.stringValue().isBlank()) {
            throw OpenAiError.invalidRequest("model_invalid", "'model' must be a non-empty string.", "model")
                    .asException();
        }
        return model.stringValue();
    }

    /** A non-empty array of objects, such as chat or Anthropic messages; else a 400 {@code <field>_invalid}. */
    static JsonNode requireObjects(ObjectNode body, String field) {
        JsonNode array = body.get(field);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw OpenAiError.invalidRequest(field + "_invalid", "'" + field + "' must be a non-empty array of messages.",
                    field).asException();
        }
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw OpenAiError.invalidRequest(field + "_invalid", "Each entry of '" + field
                        + "' must be an object with a role and content.", field).asException();
            }
        }
        return array;
    }

    static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw OpenAiError.invalidRequest("invalid_type", "'" + field + "' must be true or false.", field)
                    .asException();
        }
        return value.booleanValue();
    }

    /** An output limit in 1…2³¹−1, or null when absent. */
    static Long optionalTokenLimit(ObjectNode body, String field) {
        return optionalWholeNumber(body, field, MAX_TOKEN_LIMIT);
    }

    /** A whole number in 1…max, or null when absent. */
    static Long optionalWholeNumber(ObjectNode body, String field, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1 || value.asLong() > max) {
            throw OpenAiError.invalidRequest("invalid_value", "'" + field + "' must be a whole number between 1 and "
                    + max + ".", field).asException();
        }
        return value.asLong();
    }

    /** {@code stream_options.include_usage}, checking the types on the way. */
    static boolean streamOptionIncludeUsage(ObjectNode body) {
        JsonNode options = body.get("stream_options");
        if (options == null || options.isNull()) {
            return false;
        }
        if (!options.isObject()) {
            throw OpenAiError.invalidRequest("invalid_type", "'stream_options' must be an object.", "stream_options")
                    .asException();
        }
        return optionalBoolean((ObjectNode) options, "include_usage");
    }

    /** Sets {@code stream_options.include_usage}, keeping the client's other stream options. */
    static void askForStreamUsage(ObjectNode body) {
        JsonNode options = body.get("stream_options");
        ObjectNode streamOptions = options instanceof ObjectNode object ? object : body.putObject("stream_options");
        streamOptions.put("include_usage", true);
    }

    /** A field that must be a string or an array when present (prompts, inputs). */
    static JsonNode optionalTextOrArray(ObjectNode body, String field, String what) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isArray()) {
            throw OpenAiError.invalidRequest("invalid_type", "'" + field + "' must be " + what + ".", field)
                    .asException();
        }
        return value;
    }
}
