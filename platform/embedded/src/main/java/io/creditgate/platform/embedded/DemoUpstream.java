package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for OpenAI that speaks its real wire format, so Creditgate can be tried and
 * tested without a key: {@code POST /v1/chat/completions} (streaming as server-sent events, one
 * word per event, and non-streaming) and {@code GET /v1/models}. Usage is reported exactly as
 * OpenAI reports it: prompt tokens counted the way OpenAI counts them (see {@link DemoTokens}),
 * completion tokens of the text it sends, the usage-only final chunk only when the client asked
 * with {@code stream_options.include_usage}.
 *
 * <p>The answer is made up (the model is not real) but deterministic, so tests can compare it.
 */
public final class DemoUpstream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoUpstream.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_RECORDED = 1_000;

    /** The models this upstream serves, as OpenAI names them. */
    public static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-5-mini");

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();

    /**
     * How the demo behaves.
     *
     * @param port the port to listen on, 0 for a free one
     * @param eventDelay the pause between two streamed events (zero in tests; a little in the demo so
     *     a person sees the words arrive)
     * @param reportUsage false to play a provider that never reports usage
     * @param answerWords how many words the made-up answer has at most
     */
    public record Options(int port, Duration eventDelay, boolean reportUsage, int answerWords) {
        public static Options defaults() {
            return new Options(0, Duration.ZERO, true, 40);
        }

        public Options withPort(int port) {
            return new Options(port, eventDelay, reportUsage, answerWords);
        }

        public Options withEventDelay(Duration delay) {
            return new Options(port, delay, reportUsage, answerWords);
        }

        public Options withReportUsage(boolean report) {
            return new Options(port, eventDelay, report, answerWords);
        }

        public Options withAnswerWords(int words) {
            return new Options(port, eventDelay, reportUsage, words);
        }
    }

    /** One request as received. */
    public record RecordedRequest(String method, String path, String authorization, String body) {
    }

    private DemoUpstream(Options options) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 512);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "demo-upstream");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port with the test defaults (no delay, usage reported). */
    public static DemoUpstream start() {
        return start(Options.defaults());
    }

    public static DemoUpstream start(Options options) {
        try {
            DemoUpstream upstream = new DemoUpstream(options);
            log.info("Demo upstream (OpenAI wire format) listening at {}", upstream.baseUrl());
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the demo upstream on port " + options.port(), e);
        }
    }

    /** For example {@code http://127.0.0.1:4711}; the API lives under {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received since start or the last {@link #reset()}. */
    public int requestCount() {
        return requestCount.get();
    }

    /** The most recent requests (up to 1,000), oldest first. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of {@link #requests()}. */
    public List<String> requestBodies() {
        return requests().stream().map(RecordedRequest::body).toList();
    }

    public synchronized void reset() {
        requests.clear();
        requestCount.set(0);
    }

    private synchronized void record(RecordedRequest request) {
        requestCount.incrementAndGet();
        if (requests.size() == MAX_RECORDED) {
            requests.remove(0);
        }
        requests.add(request);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            record(new RecordedRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/models")) {
                respond(exchange, 200, models());
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/chat/completions")) {
                chatCompletion(exchange, body);
            } else {
                respond(exchange, 404, error("Unknown request URL: " + exchange.getRequestMethod() + " " + path
                        + ". The demo upstream serves POST /v1/chat/completions and GET /v1/models.",
                        "invalid_request_error", "unknown_url"));
            }
        } catch (IOException e) {
            // The client went away mid-answer: nothing more to send.
            log.debug("Demo upstream: client disconnected: {}", e.getMessage());
        }
    }

    private void chatCompletion(HttpExchange exchange, String body) throws IOException {
        ChatRequest request;
        try {
            request = ChatRequest.parse(JSON.readTree(body));
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage(), "invalid_request_error", "invalid_request"));
            return;
        } catch (RuntimeException e) {
            respond(exchange, 400, error("We could not parse the JSON body of your request.",
                    "invalid_request_error", "invalid_json"));
            return;
        }
        if (!MODELS.contains(request.model())) {
            respond(exchange, 404, error("The model `" + request.model() + "` does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found"));
            return;
        }
        DemoAnswer answer = DemoAnswer.of(request, options.answerWords());
        if (request.stream()) {
            stream(exchange, request, answer);
        } else {
            respond(exchange, 200, completion(request, answer));
        }
    }

    private ObjectNode completion(ChatRequest request, DemoAnswer answer) {
        ObjectNode root = envelope("chat.completion", request.model());
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < request.n(); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", answer.text());
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", answer.finishReason());
        }
        if (options.reportUsage()) {
            root.set("usage", usage(request, answer));
        }
        root.put("service_tier", "default");
        root.putNull("system_fingerprint");
        return root;
    }

    private void stream(HttpExchange exchange, ChatRequest request, DemoAnswer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = System.currentTimeMillis() / 1000;
        boolean includeUsage = request.includeUsage() && options.reportUsage();
        for (int i = 0; i < request.n(); i++) {
            send(out, chunk(id, created, request, includeUsage, i, delta("assistant", ""), null));
        }
        for (String piece : answer.pieces()) {
            pause();
            for (int i = 0; i < request.n(); i++) {
                send(out, chunk(id, created, request, includeUsage, i, delta(null, piece), null));
            }
        }
        for (int i = 0; i < request.n(); i++) {
            send(out, chunk(id, created, request, includeUsage, i, JSON.createObjectNode(), answer.finishReason()));
        }
        if (includeUsage) {
            ObjectNode last = streamEnvelope(id, created, request.model());
            last.putArray("choices");
            last.set("usage", usage(request, answer));
            send(out, last);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id, long created, ChatRequest request, boolean includeUsage, int index,
                             ObjectNode delta, String finishReason) {
        ObjectNode chunk = streamEnvelope(id, created, request.model());
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode delta(String role, String content) {
        ObjectNode delta = JSON.createObjectNode();
        if (role != null) {
            delta.put("role", role);
            delta.putNull("refusal");
        }
        delta.put("content", content);
        return delta;
    }

    private static ObjectNode streamEnvelope(String id, long created, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion.chunk");
        root.put("created", created);
        root.put("model", model);
        root.put("service_tier", "default");
        root.putNull("system_fingerprint");
        return root;
    }

    private static ObjectNode envelope(String object, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        root.put("object", object);
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        return root;
    }

    private static ObjectNode usage(ChatRequest request, DemoAnswer answer) {
        long prompt = DemoTokens.promptTokens(request.model(), request.messages());
        long completion = (long) answer.tokens() * request.n();
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", 0);
        promptDetails.put("audio_tokens", 0);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", 0);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static ObjectNode models() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String model : MODELS) {
            ObjectNode entry = data.addObject();
            entry.put("id", model);
            entry.put("object", "model");
            entry.put("created", 1_715_367_049L);
            entry.put("owned_by", "creditgate-demo");
        }
        return root;
    }

    static ObjectNode error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return root;
    }

    private void pause() {
        if (!options.eventDelay().isZero()) {
            try {
                Thread.sleep(options.eventDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(OutputStream out, JsonNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The parts of a chat completion request the demo acts on. */
    record ChatRequest(String model, JsonNode messages, boolean stream, boolean includeUsage, int n, Integer maxTokens) {
        static ChatRequest parse(JsonNode body) {
            if (!body.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object.");
            }
            String model = body.path("model").asString("");
            if (model.isEmpty()) {
                throw new IllegalArgumentException("you must provide a model parameter");
            }
            JsonNode messages = body.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                throw new IllegalArgumentException("'messages' must be a non-empty array.");
            }
            int n = body.path("n").asInt(1);
            if (n < 1 || n > 128) {
                throw new IllegalArgumentException("'n' must be between 1 and 128.");
            }
            JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
            Integer maxTokens = max == null || max.isNull() ? null : max.asInt();
            if (maxTokens != null && maxTokens < 1) {
                throw new IllegalArgumentException("max_tokens must be at least 1.");
            }
            return new ChatRequest(model, messages, body.path("stream").asBoolean(false),
                    body.path("stream_options").path("include_usage").asBoolean(false), n, maxTokens);
        }
    }
}
