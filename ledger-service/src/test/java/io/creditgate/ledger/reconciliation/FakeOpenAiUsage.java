package io.creditgate.ledger.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outside world of the reconciliation tests: a local server speaking OpenAI's organisation usage API
 * ({@code GET /v1/organization/usage/completions|embeddings}, one-day buckets grouped by model) over usage the test
 * programs per day and model. It serves at most {@link #BUCKETS_PER_PAGE} buckets a page, whatever the limit asked, so
 * every report pages; started once per JVM, like the rest of the suite's infrastructure.
 */
public final class FakeOpenAiUsage {

    static final int BUCKETS_PER_PAGE = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeOpenAiUsage shared;

    /** One programmed result: what OpenAI reports for a day and (dated) model. */
    record Result(String kind, LocalDate day, String model, long requests, long input, long cached, long output) {
    }

    private final HttpServer server;
    private final List<Result> results = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private FakeOpenAiUsage() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/v1/organization/usage/", this::handle);
        server.start();
    }

    public static synchronized FakeOpenAiUsage shared() {
        if (shared == null) {
            try {
                shared = new FakeOpenAiUsage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void add(Result result) {
        results.add(result);
    }

    /** True answers every request with OpenAI's 500, as during an outage. */
    void down(boolean down) {
        this.down = down;
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (down) {
                respond(exchange, 500, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
                return;
            }
            String kind = exchange.getRequestURI().getPath().substring("/v1/organization/usage/".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long start = Long.parseLong(query.get("start_time"));
            long end = Long.parseLong(query.get("end_time"));
            int limit = Math.min(BUCKETS_PER_PAGE, Integer.parseInt(query.getOrDefault("limit", "7")));
            int first = query.containsKey("page") ? Integer.parseInt(query.get("page").substring("page_".length())) : 0;
            long buckets = (end - start) / 86_400;
            ObjectNode page = JSON.createObjectNode().put("object", "page");
            ArrayNode data = page.putArray("data");
            long last = Math.min(buckets, first + limit);
            for (long i = first; i < last; i++) {
                long bucketStart = start + i * 86_400;
                ObjectNode bucket = data.addObject().put("object", "bucket").put("start_time", bucketStart)
                        .put("end_time", bucketStart + 86_400);
                ArrayNode out = bucket.putArray("results");
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(bucketStart, 86_400));
                for (Result result : results) {
                    if (result.kind().equals(kind) && result.day().equals(day)) {
                        ObjectNode row = out.addObject().put("object", "organization.usage." + kind + ".result")
                                .put("input_tokens", result.input()).put("num_model_requests", result.requests());
                        if (kind.equals("completions")) {
                            row.put("output_tokens", result.output()).put("input_cached_tokens", result.cached())
                                    .put("input_audio_tokens", 0).put("output_audio_tokens", 0).putNull("batch");
                        }
                        row.putNull("project_id").putNull("user_id").putNull("api_key_id").put("model", result.model());
                    }
                }
            }
            page.put("has_more", last < buckets);
            if (last < buckets) {
                page.put("next_page", "page_" + last);
            } else {
                page.putNull("next_page");
            }
            respond(exchange, 200, page.toString());
        }
    }

    static long epochSecond(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
