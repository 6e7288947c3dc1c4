package io.creditgate.gateway.metering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The text a call generated so far, kept only to count it when the upstream's usage never arrives
 * (client gone, upstream failed mid-stream, a provider that reports none): message content, reasoning,
 * refusals, tool-call names and arguments, whatever each API calls them.
 *
 * <p>Text is kept in named parts (one per choice and kind, such as {@code 0.content} or {@code 2.tool.0.args}),
 * each counted on its own, because that is how it was generated: the interleaved deltas of several choices,
 * or a tool's name followed by its arguments, tokenize differently when glued together.
 *
 * <p>One per call; synchronized because a client's disconnect may read it while the upstream's events are
 * still being added on another thread.
 */
public final class GeneratedText {

    private final Map<String, StringBuilder> parts = new LinkedHashMap<>();
    private boolean discarded;

    /** Adds a string node to a part; anything else (missing, null, not text) adds nothing. */
    public synchronized void add(String part, JsonNode node) {
        if (node != null && node.isString()) {
            add(part, node.stringValue());
        }
    }

    public synchronized void add(String part, String text) {
        if (!discarded && !text.isEmpty()) {
            parts.computeIfAbsent(part, key -> new StringBuilder()).append(text);
        }
    }

    /** Drops what was kept and keeps nothing more: the call's usage is known, its text will not be counted. */
    public synchronized void discard() {
        discarded = true;
        parts.clear();
    }

    /** A snapshot of the parts so far, in the order they began. */
    public synchronized List<String> parts() {
        List<String> snapshot = new ArrayList<>(parts.size());
        parts.values().forEach(text -> snapshot.add(text.toString()));
        return snapshot;
    }
}
