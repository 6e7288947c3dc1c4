package io.creditgate.gateway.metering;

import tools.jackson.databind.JsonNode;

/**
 * The text a call generated so far, kept only to count it when the upstream's usage never arrives
 * (client gone, upstream failed mid-stream). Collects message content, reasoning text, refusals and
 * tool-call names and arguments from chunks ({@code delta}) or whole answers ({@code message}).
 * One per call; synchronized because a client's disconnect may read it while the upstream's chunks
 * are still being added on another thread.
 */
public final class GeneratedText {

    private final StringBuilder text = new StringBuilder();

    /** Adds what one choice's {@code delta} or {@code message} holds. */
    public synchronized void add(JsonNode deltaOrMessage) {
        append(deltaOrMessage.path("content"));
        append(deltaOrMessage.path("reasoning_content"));
        append(deltaOrMessage.path("refusal"));
        for (JsonNode call : deltaOrMessage.path("tool_calls")) {
            append(call.path("function").path("name"));
            append(call.path("function").path("arguments"));
        }
    }

    /** Adds every choice of a chunk or a whole answer. */
    public synchronized void addChoices(JsonNode choices, String field) {
        for (JsonNode choice : choices) {
            add(choice.path(field));
        }
    }

    /** A snapshot of the text so far. */
    public synchronized String text() {
        return text.toString();
    }

    private void append(JsonNode node) {
        if (node.isString()) {
            text.append(node.stringValue());
        }
    }
}
