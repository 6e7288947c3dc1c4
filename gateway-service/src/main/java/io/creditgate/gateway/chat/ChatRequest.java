package io.creditgate.gateway.chat;

import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat completion request, checked enough to price, admit and meter it; everything else is the
 * upstream's to judge. The body is re-serialized from this tree when forwarded, so the upstream reads
 * exactly what the gateway metered (no duplicate-key or parser-differential tricks).
 */
final class ChatRequest {

    /** OpenAI's own bounds: token limits are 32-bit integers, at most 128 choices. */
    private static final long MAX_TOKEN_LIMIT = Integer.MAX_VALUE;
    private static final int MAX_CHOICES = 128;

    private final ObjectNode body;
    private final String model;
    private final boolean stream;
    private final boolean clientWantsUsage;
    private final Long askedOutputTokens;
    private final int choices;

    private ChatRequest(ObjectNode body) {
        this.body = body;
        this.model = requireModel(body);
        requireMessages(body);
        this.stream = optionalBoolean(body, "stream");
        this.clientWantsUsage = stream && streamOptionIncludeUsage(body);
        Long maxCompletion = optionalTokenLimit(body, "max_completion_tokens");
        Long max = optionalTokenLimit(body, "max_tokens");
        this.askedOutputTokens = maxCompletion != null ? maxCompletion : max;
        this.choices = optionalChoices(body);
    }

    /** Parses and checks a request body; a 400 in OpenAI's shape for anything the gateway cannot meter. */
    static ChatRequest parse(JsonMapper json, byte[] bytes) {
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
        return new ChatRequest((ObjectNode) root);
    }

    String model() {
        return model;
    }

    boolean stream() {
        return stream;
    }

    /** True when a streaming client asked for the final usage chunk itself. */
    boolean clientWantsUsage() {
        return clientWantsUsage;
    }

    /** The client's output limit per choice, or null when it named none. */
    Long askedOutputTokens() {
        return askedOutputTokens;
    }

    int choices() {
        return choices;
    }

    JsonNode messages() {
        return body.get("messages");
    }

    JsonNode tools() {
        return body.get("tools");
    }

    /**
     * Limits the output to what the user can afford, in the field the client used: OpenAI refuses a request
     * holding both {@code max_tokens} and {@code max_completion_tokens} ("invalid_parameter_combination"),
     * so {@code max_tokens} alone is lowered when it is the client's only limit, and
     * {@code max_completion_tokens} is set otherwise.
     */
    void capOutput(long tokens) {
        boolean onlyMaxTokens = body.hasNonNull("max_tokens") && !body.hasNonNull("max_completion_tokens");
        if (onlyMaxTokens) {
            body.put("max_tokens", tokens);
            return;
        }
        body.put("max_completion_tokens", tokens);
        if (body.hasNonNull("max_tokens")) {
            body.put("max_tokens", tokens);
        }
    }

    /** Asks a stream for its final usage chunk, what the provider bills. */
    void askForUsage() {
        JsonNode options = body.get("stream_options");
        ObjectNode streamOptions = options instanceof ObjectNode object ? object : body.putObject("stream_options");
        streamOptions.put("include_usage", true);
    }

    byte[] toBytes(JsonMapper json) {
        return json.writeValueAsBytes(body);
    }

    private static String requireModel(ObjectNode body) {
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

    private static void requireMessages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiError.invalidRequest("messages_invalid",
                    "'messages' must be a non-empty array of messages.", "messages").asException();
        }
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw OpenAiError.invalidRequest("messages_invalid",
                        "Each entry of 'messages' must be an object with a role and content.", "messages").asException();
            }
        }
    }

    private static boolean optionalBoolean(ObjectNode body, String field) {
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

    private static boolean streamOptionIncludeUsage(ObjectNode body) {
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

    private static Long optionalTokenLimit(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1
                || value.asLong() > MAX_TOKEN_LIMIT) {
            throw OpenAiError.invalidRequest("invalid_value", "'" + field + "' must be a whole number between 1 and "
                    + MAX_TOKEN_LIMIT + ".", field).asException();
        }
        return value.asLong();
    }

    private static int optionalChoices(ObjectNode body) {
        JsonNode value = body.get("n");
        if (value == null || value.isNull()) {
            return 1;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > MAX_CHOICES) {
            throw OpenAiError.invalidRequest("invalid_value", "'n' must be a whole number between 1 and "
                    + MAX_CHOICES + ".", "n").asException();
        }
        return value.asInt();
    }
}
