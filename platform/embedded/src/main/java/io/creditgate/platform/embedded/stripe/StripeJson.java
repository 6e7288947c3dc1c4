package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON side of the wire: the mapper, Stripe's list envelope, metadata, writing a response. */
final class StripeJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code {"object":"list","data":[…],"has_more":…,"url":…}}. */
    static ObjectNode list(List<? extends JsonNode> data, boolean hasMore, String url) {
        ObjectNode list = object();
        list.put("object", "list");
        ArrayNode array = list.putArray("data");
        data.forEach(array::add);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }

    /** Metadata as Stripe keeps it: string values only. */
    static ObjectNode metadata(Map<String, Object> params) {
        ObjectNode metadata = object();
        params.forEach((key, value) -> {
            if (!(value instanceof String text)) {
                throw StripeError.invalidRequest("Invalid metadata[" + key + "]: must be a string", "metadata");
            }
            if (!text.isEmpty()) {
                // An empty value removes the key on Stripe.
                metadata.put(key, text);
            }
        });
        return metadata;
    }

    /** Every field Stripe would return as null when unset, set to null. */
    static void nulls(ObjectNode node, String... fields) {
        for (String field : fields) {
            node.putNull(field);
        }
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void respondHtml(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }
}
