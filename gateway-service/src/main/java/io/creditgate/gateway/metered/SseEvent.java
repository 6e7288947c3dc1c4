package io.creditgate.gateway.metered;

import tools.jackson.databind.JsonNode;

/**
 * One server-sent event as the meter sees it.
 *
 * @param name the {@code event:} field (the Responses API and Anthropic name their events), or null
 * @param data the JSON of the {@code data:} lines, or null for comments, {@code [DONE]} and anything not JSON
 * @param done the event is {@code data: [DONE]}
 */
record SseEvent(String name, JsonNode data, boolean done) {

    SseEvent(String name, JsonNode data) {
        this(name, data, false);
    }

    /** OpenAI's {@code data: [DONE]}, the last event of a chat or completions stream. */
    static SseEvent doneMarker() {
        return new SseEvent(null, null, true);
    }

    /** The event's type: its name, else the {@code type} field of its data, else "". */
    String type() {
        if (name != null) {
            return name;
        }
        return data != null ? data.path("type").asString("") : "";
    }
}
