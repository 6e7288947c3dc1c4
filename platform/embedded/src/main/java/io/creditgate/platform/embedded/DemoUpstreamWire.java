package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What every wire format of the demo upstream shares: JSON answers, server-sent events, error bodies. */
final class DemoUpstreamWire {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoUpstreamWire() {
    }

    /** A request the demo refuses with 400, in the shape of the API that was called. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** An OpenAI chat or completions event: {@code data: <json>}. */
    static void data(OutputStream out, JsonNode event) throws IOException {
        write(out, "data: " + JSON.writeValueAsString(event) + "\n\n");
    }

    /** A named event, as the Responses API and Anthropic send them: {@code event: <name>} then the data. */
    static void event(OutputStream out, String name, JsonNode event) throws IOException {
        write(out, "event: " + name + "\ndata: " + JSON.writeValueAsString(event) + "\n\n");
    }

    static void done(OutputStream out) throws IOException {
        write(out, "data: [DONE]\n\n");
    }

    /** The pause between two streamed events, so a person sees the words arrive (zero in most tests). */
    static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ObjectNode openAiError(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return root;
    }

    static ObjectNode anthropicError(String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** The text of the last message with role "user": a string, or its text parts joined. */
    static String lastUserText(JsonNode messagesOrItems) {
        String last = "";
        for (JsonNode message : messagesOrItems) {
            if (message.path("role").asString("").equals("user")) {
                last = text(message.path("content"));
            }
        }
        return last;
    }

    static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isString()) {
                text.append(part.path("text").asString());
            }
        }
        return text.toString();
    }

    /** An optional whole number field of at least {@code min}, or null when absent. */
    static Integer optionalInt(JsonNode body, String field, int min) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new BadRequest("Invalid '" + field + "': expected an integer of at least " + min + ".");
        }
        return value.asInt();
    }

    static String requireModel(JsonNode body) {
        String model = body.path("model").asString("");
        if (model.isEmpty()) {
            throw new BadRequest("you must provide a model parameter");
        }
        return model;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
