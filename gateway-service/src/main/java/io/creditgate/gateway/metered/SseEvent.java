package io.creditgate.gateway.metered;

import tools.jackson.databind.JsonNode;

/**
 * One server-sent event as the meter sees it.
 *
 * @param name the {@code event:} field (the Responses API and Anthropic name their events), or null
 * @param data the JSON of the {@code data:} lines, or null for comments, {@code [DONE]} and anything not JSON
 */
record SseEvent(String name, JsonNode data) {

    /** The event's type: its name, else the {@code type} field of its data, else "". */
    String type() {
        if (name != null) {
            return name;
        }
        return data != null ? data.path("type").asString("") : "";
    }
}
