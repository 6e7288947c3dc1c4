package io.creditgate.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.creditgate.gateway.metering.ProviderUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches a chat completion stream event by event: takes the usage from the final chunk, keeps the generated
 * text for when no usage comes, and hides the usage-only chunk from a client that did not ask for it.
 * Every other event passes unchanged.
 */
final class StreamMeter {

    /** Upstream events larger than this are a broken upstream, not a chat answer. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private final JsonMapper json;
    private final MeteredCall call;
    private final boolean clientWantsUsage;
    private final SseEvents events = new SseEvents(MAX_EVENT_BYTES);
    private boolean upstreamReportedError;

    StreamMeter(JsonMapper json, MeteredCall call, boolean clientWantsUsage) {
        this.json = json;
        this.call = call;
        this.clientWantsUsage = clientWantsUsage;
    }

    /** The events to send to the client that these upstream bytes completed. */
    List<byte[]> feed(byte[] bytes) {
        List<byte[]> completed = events.feed(bytes);
        List<byte[]> forward = new ArrayList<>(completed.size());
        for (byte[] event : completed) {
            if (observe(event)) {
                forward.add(event);
            }
        }
        return forward;
    }

    /** An unfinished last event, passed on as it came. */
    byte[] remainder() {
        return events.remainder();
    }

    /** True when the upstream sent an {@code error} event inside a 200 stream. */
    boolean upstreamReportedError() {
        return upstreamReportedError;
    }

    /** Meters one event; returns whether the client sees it. */
    private boolean observe(byte[] event) {
        JsonNode chunk = parseData(event);
        if (chunk == null) {
            return true;
        }
        if (chunk.has("error")) {
            upstreamReportedError = true;
        }
        JsonNode choices = chunk.path("choices");
        call.generated.addChoices(choices, "delta");
        var usage = ProviderUsage.from(chunk.get("usage"));
        if (usage.isEmpty()) {
            return true;
        }
        call.reported(usage.get());
        boolean usageOnly = choices.isArray() && choices.isEmpty();
        return clientWantsUsage || !usageOnly;
    }

    /** The JSON of an event's data lines, or null for comments, {@code [DONE]} and anything not JSON. */
    private JsonNode parseData(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        StringBuilder data = null;
        for (String line : LINE_BREAK.split(text)) {
            if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            return null;
        }
        try {
            return json.readTree(data.toString());
        } catch (JacksonException e) {
            return null;
        }
    }
}
