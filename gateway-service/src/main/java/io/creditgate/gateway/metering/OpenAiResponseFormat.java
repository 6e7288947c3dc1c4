package io.creditgate.gateway.metering;

import tools.jackson.databind.JsonNode;

/**
 * The text a model reads for a {@code response_format} of type {@code json_schema}: an ESTIMATE. OpenAI does not
 * say how its API renders a structured-output schema, and no published, API-reported count of one was found;
 * OpenAI's own published chat format (openai/harmony, docs/format.md, "Structured output") puts it at the end of
 * the system/developer message as
 *
 * <pre>
 * # Response Formats
 *
 * ## {name}
 *
 * // {description}
 * {schema as JSON}
 * </pre>
 *
 * and that is what is counted (docs/metering.md says how sure that is). {@code json_object} and {@code text}
 * formats add nothing. Stateless.
 */
final class OpenAiResponseFormat {

    private OpenAiResponseFormat() {
    }

    /** The response-format section, or null when the request has no JSON schema. */
    static String render(JsonNode responseFormat) {
        if (responseFormat == null || !responseFormat.path("type").asString("").equals("json_schema")) {
            return null;
        }
        JsonNode format = responseFormat.path("json_schema");
        StringBuilder text = new StringBuilder("# Response Formats\n\n## ").append(format.path("name").asString("response"))
                .append("\n\n");
        String description = format.path("description").asString("");
        if (!description.isEmpty()) {
            text.append("// ").append(description).append('\n');
        }
        return text.append(format.path("schema").toString()).toString();
    }
}
