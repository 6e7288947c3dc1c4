package io.creditgate.gateway.metered;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches a stream event by event: cuts the bytes into server-sent events, parses each one's name and JSON
 * data, and lets the call's {@link Api} meter it and decide whether the client sees it (only chat and
 * completions hide anything: the usage chunk a client did not ask for). Every event that passes, passes
 * byte for byte. Not thread-safe (one per stream, fed in order).
 */
final class StreamMeter {

    /** Upstream events larger than this are a broken upstream, not a chat answer. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private final JsonMapper json;
    private final Api api;
    private final MeteredCall call;
    private final ApiRequest request;
    /**
     * The events that end a stream in each API: the gateway holds them back until the call's UsageRecorded is
     * journaled, so that a client that saw its answer end was charged for it (a kill in between loses nothing).
     */
    private static final Set<String> ENDING_TYPES = Set.of("response.completed", "response.failed",
            "response.incomplete", "message_stop");
    private static final String DONE = "[DONE]";

    private final SseEvents events = new SseEvents(MAX_EVENT_BYTES);
    /** Ending events seen and not yet passed on: at most one in practice. */
    private final List<byte[]> heldBack = new ArrayList<>(1);
    private long nextSequenceNumber;

    StreamMeter(JsonMapper json, Api api, MeteredCall call, ApiRequest request) {
        this.json = json;
        this.api = api;
        this.call = call;
        this.request = request;
    }

    /**
     * The events to send to the client that these upstream bytes completed. An event that ends the stream
     * ({@code [DONE]}, {@code response.completed}, {@code message_stop}...) is held back for {@link #ending}; should
     * the upstream send more after it, it goes first.
     */
    List<byte[]> feed(byte[] bytes) {
        List<byte[]> completed = events.feed(bytes);
        List<byte[]> forward = new ArrayList<>(completed.size());
        for (byte[] event : completed) {
            SseEvent parsed = parse(event);
            JsonNode sequence = parsed.data() != null ? parsed.data().get("sequence_number") : null;
            if (sequence != null && sequence.canConvertToLong()) {
                nextSequenceNumber = sequence.asLong() + 1;
            }
            if (api.meterEvent(parsed, call, request)) {
                forward.addAll(heldBack);
                heldBack.clear();
                if (endsStream(parsed)) {
                    heldBack.add(event);
                } else {
                    forward.add(event);
                }
            }
        }
        return forward;
    }

    /** The ending events held back, to send once the call is recorded; drained by the call. */
    List<byte[]> heldBack() {
        List<byte[]> held = List.copyOf(heldBack);
        heldBack.clear();
        return held;
    }

    /** What the client still gets after an upstream that finished: the held-back ending, then any unfinished event. */
    List<byte[]> ending() {
        List<byte[]> ending = new ArrayList<>(heldBack());
        byte[] rest = events.remainder();
        if (rest.length > 0) {
            ending.add(rest);
        }
        return ending;
    }

    private static boolean endsStream(SseEvent event) {
        return event.done() || ENDING_TYPES.contains(event.type());
    }

    /** The event that ends a stream the gateway has to break off, in the API's shape. */
    byte[] midStreamError(String message) {
        return api.midStreamError(message, nextSequenceNumber);
    }

    /** The event's name and the JSON of its data lines (null for comments, {@code [DONE]} and anything not JSON). */
    private SseEvent parse(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        String name = null;
        StringBuilder data = null;
        for (String line : LINE_BREAK.split(text)) {
            if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            }
        }
        if (data != null && DONE.contentEquals(data)) {
            return SseEvent.doneMarker();
        }
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            return new SseEvent(name, null);
        }
        try {
            return new SseEvent(name, json.readTree(data.toString()));
        } catch (JacksonException e) {
            return new SseEvent(name, null);
        }
    }
}
