package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.creditgate.schemas.model.ModelNames;

/**
 * A local stand-in for the model providers that speaks their real wire formats, so Creditgate can be tried
 * and tested without a key:
 * <ul>
 *   <li>OpenAI: {@code POST /v1/chat/completions}, {@code POST /v1/completions} (both streaming as
 *       server-sent events, one word per event, and not), {@code POST /v1/embeddings},
 *       {@code POST /v1/responses} (with the Responses API's named stream events) and {@code GET /v1/models};</li>
 *   <li>Anthropic: {@code POST /v1/messages} (streaming with {@code message_start} ... {@code message_stop}),
 *       which needs the {@code anthropic-version} header as Anthropic does.</li>
 * </ul>
 * Usage is reported exactly as each provider reports it: prompt tokens counted the way it counts them (see
 * {@link DemoTokens}), output tokens of what it sends; in chat and completions streams, the usage-only
 * final chunk only when the client asked with {@code stream_options.include_usage}.
 *
 * <p>Like a provider, it keeps its own bill of every call it served (reported to the caller or not; a stream cut
 * short only for what it wrote) and serves it as OpenAI's organisation usage API:
 * {@code GET /v1/organization/usage/completions} and {@code GET /v1/organization/usage/embeddings} (see
 * {@link DemoUsage}), with any bearer key as the admin key.
 *
 * <p>The answer is made up (the model is not real) but deterministic, so tests can compare it. Options play
 * what tests need: prompt-cache hits and writes, hidden reasoning, tool calls, a provider that never reports
 * usage. {@link #reconfigure(Options)} switches them while running; {@link #reset()} goes back to the start.
 */
public final class DemoUpstream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoUpstream.class);
    private static final int MAX_RECORDED = 1_000;

    /** The text models this upstream serves, in every text format (OpenAI's and Anthropic's alike, as LiteLLM does). */
    public static final List<String> TEXT_MODELS =
            List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-5-mini", "claude-sonnet-4-5", "claude-haiku-4-5");
    /** The embedding models it serves on {@code /v1/embeddings}. */
    public static final List<String> EMBEDDING_MODELS = List.of("text-embedding-3-small", "text-embedding-3-large");
    /**
     * Whether a model name reaches one of {@code served}: as written, or, as LiteLLM routes them, with a provider
     * prefix ({@code openai/gpt-4o-mini}) or a snapshot date ({@code gpt-4o-mini-2024-07-18}).
     */
    static boolean serves(List<String> served, String model) {
        return ModelNames.candidates(model).stream().anyMatch(served::contains);
    }

    /** Every model it serves, as the providers name them; {@code GET /v1/models} lists these. */
    public static final List<String> MODELS = concat(TEXT_MODELS, EMBEDDING_MODELS);

    private final Options startOptions;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final DemoUsage usage = new DemoUsage();
    private volatile Options options;

    /**
     * How the demo behaves.
     *
     * @param port the port to listen on, 0 for a free one
     * @param eventDelay the pause between two streamed events (zero in tests; a little in the demo so
     *     a person sees the words arrive)
     * @param reportUsage false to play a provider that never reports usage
     * @param answerWords how many words the made-up answer has at most
     * @param cachedPromptTokens how many prompt tokens to report as read from the provider's prompt cache
     *     (at most the prompt; OpenAI's {@code cached_tokens}, Anthropic's {@code cache_read_input_tokens})
     * @param cacheWriteTokens how many of the remaining prompt tokens to report as written to the cache
     *     (Anthropic's {@code cache_creation_input_tokens}; OpenAI formats have no such count)
     * @param reasoningTokens hidden reasoning tokens spent before each answer, counted in the output and
     *     against its limit ({@code reasoning_tokens} in OpenAI formats; part of {@code output_tokens} in Anthropic's)
     * @param toolCalls true to call the first tool of every request that defines tools; without it the demo
     *     calls a tool only when the request forces one ({@code tool_choice} "required", a named function,
     *     Anthropic's "any" or "tool")
     */
    public record Options(int port, Duration eventDelay, boolean reportUsage, int answerWords, int cachedPromptTokens,
                          int cacheWriteTokens, int reasoningTokens, boolean toolCalls) {

        public Options {
            if (answerWords < 1 || cachedPromptTokens < 0 || cacheWriteTokens < 0 || reasoningTokens < 0) {
                throw new IllegalArgumentException("answer words must be positive and token counts not negative");
            }
        }

        public static Options defaults() {
            return new Options(0, Duration.ZERO, true, 40, 0, 0, 0, false);
        }

        public Options withPort(int port) {
            return new Options(port, eventDelay, reportUsage, answerWords, cachedPromptTokens, cacheWriteTokens,
                    reasoningTokens, toolCalls);
        }

        public Options withEventDelay(Duration delay) {
            return new Options(port, delay, reportUsage, answerWords, cachedPromptTokens, cacheWriteTokens,
                    reasoningTokens, toolCalls);
        }

        public Options withReportUsage(boolean report) {
            return new Options(port, eventDelay, report, answerWords, cachedPromptTokens, cacheWriteTokens,
                    reasoningTokens, toolCalls);
        }

        public Options withAnswerWords(int words) {
            return new Options(port, eventDelay, reportUsage, words, cachedPromptTokens, cacheWriteTokens,
                    reasoningTokens, toolCalls);
        }

        public Options withCachedPromptTokens(int tokens) {
            return new Options(port, eventDelay, reportUsage, answerWords, tokens, cacheWriteTokens, reasoningTokens,
                    toolCalls);
        }

        public Options withCacheWriteTokens(int tokens) {
            return new Options(port, eventDelay, reportUsage, answerWords, cachedPromptTokens, tokens, reasoningTokens,
                    toolCalls);
        }

        public Options withReasoningTokens(int tokens) {
            return new Options(port, eventDelay, reportUsage, answerWords, cachedPromptTokens, cacheWriteTokens, tokens,
                    toolCalls);
        }

        public Options withToolCalls(boolean call) {
            return new Options(port, eventDelay, reportUsage, answerWords, cachedPromptTokens, cacheWriteTokens,
                    reasoningTokens, call);
        }
    }

    /**
     * One request as received.
     *
     * @param headers the request's headers, names in lower case, first value of each
     */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {

        /** The {@code Authorization} header, or null. */
        public String authorization() {
            return header("authorization");
        }

        /** A header's first value, or null; the name is case-insensitive. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private DemoUpstream(Options options) throws IOException {
        this.startOptions = options;
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
            log.info("Demo upstream (OpenAI and Anthropic wire formats) listening at {}", upstream.baseUrl());
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

    /** The options in use. */
    public Options options() {
        return options;
    }

    /**
     * Answers the next requests with other options (the port stays), so a test can play another provider
     * behaviour without restarting what sits in front of the demo. {@link #reset()} restores the start options.
     */
    public void reconfigure(Options newOptions) {
        this.options = newOptions;
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

    /** Forgets the recorded requests and goes back to the options the demo started with; the bill stays, as a provider's does. */
    public synchronized void reset() {
        requests.clear();
        requestCount.set(0);
        options = startOptions;
    }

    private synchronized void record(RecordedRequest request) {
        requestCount.incrementAndGet();
        if (requests.size() == MAX_RECORDED) {
            requests.remove(0);
        }
        requests.add(request);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant received = Instant.now();
        DemoBill bill = new DemoBill();
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && USAGE_PATHS.containsKey(path)) {
                // The bill is read by finance, not sent to the model: not one of the recorded requests.
                usageApi(exchange, USAGE_PATHS.get(path));
                return;
            }
            record(new RecordedRequest(method, path, headers(exchange), body));
            Options current = options;
            if (method.equals("GET") && path.equals("/v1/models")) {
                DemoUpstreamWire.respond(exchange, 200, models());
            } else if (method.equals("POST") && path.equals("/v1/messages")) {
                DemoUpstreamMessages.handle(exchange, body, current, bill);
            } else if (method.equals("POST") && OPENAI_FORMATS.containsKey(path)) {
                openAi(exchange, path, body, current, bill);
            } else {
                DemoUpstreamWire.respond(exchange, 404, DemoUpstreamWire.openAiError("Unknown request URL: " + method
                        + " " + path + ". The demo upstream serves POST " + String.join(", POST ", OPENAI_FORMATS.keySet())
                        + ", POST /v1/messages and GET /v1/models.", "invalid_request_error", "unknown_url"));
            }
        } catch (IOException e) {
            // The client went away mid-answer: nothing more to send.
            log.debug("Demo upstream: client disconnected: {}", e.getMessage());
        } finally {
            if (bill.charged()) {
                usage.record(received, bill);
            }
        }
    }

    private static final Map<String, DemoBill.Kind> USAGE_PATHS = Map.of(
            "/v1/organization/usage/completions", DemoBill.Kind.COMPLETIONS,
            "/v1/organization/usage/embeddings", DemoBill.Kind.EMBEDDINGS);

    /** OpenAI's organisation usage API over the bill; it wants an admin key, and any bearer key is one here. */
    private void usageApi(HttpExchange exchange, DemoBill.Kind kind) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == "Bearer ".length()) {
            DemoUpstreamWire.respond(exchange, 401, DemoUpstreamWire.openAiError("You didn't provide an API key. You need to"
                    + " provide your admin API key in an Authorization header using Bearer auth.", "invalid_request_error",
                    null));
            return;
        }
        try {
            DemoUsage.Query query = DemoUsage.Query.parse(kind, queryParameters(exchange), System.currentTimeMillis() / 1000);
            DemoUpstreamWire.respond(exchange, 200, usage.page(query));
        } catch (DemoUpstreamWire.BadRequest e) {
            DemoUpstreamWire.respond(exchange, 400,
                    DemoUpstreamWire.openAiError(e.getMessage(), "invalid_request_error", "invalid_request"));
        }
    }

    private static Map<String, List<String>> queryParameters(HttpExchange exchange) {
        Map<String, List<String>> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** One OpenAI format's answer: a JSON body or a stream. */
    @FunctionalInterface
    interface OpenAiFormat {
        void answer(HttpExchange exchange, JsonNode body, Options options, DemoBill bill) throws IOException;
    }

    private static final Map<String, OpenAiFormat> OPENAI_FORMATS = orderedFormats();

    private static Map<String, OpenAiFormat> orderedFormats() {
        Map<String, OpenAiFormat> formats = new LinkedHashMap<>();
        formats.put("/v1/chat/completions", DemoUpstreamChat::answer);
        formats.put("/v1/completions", DemoUpstreamCompletions::answer);
        formats.put("/v1/embeddings", DemoUpstreamEmbeddings::answer);
        formats.put("/v1/responses", DemoUpstreamResponses::answer);
        return Collections.unmodifiableMap(formats);
    }

    private static void openAi(HttpExchange exchange, String path, String body, Options options, DemoBill bill)
            throws IOException {
        JsonNode request;
        try {
            request = DemoUpstreamWire.JSON.readTree(body);
        } catch (RuntimeException e) {
            DemoUpstreamWire.respond(exchange, 400, DemoUpstreamWire.openAiError(
                    "We could not parse the JSON body of your request.", "invalid_request_error", "invalid_json"));
            return;
        }
        try {
            if (request == null || !request.isObject()) {
                throw new DemoUpstreamWire.BadRequest("The body must be a JSON object.");
            }
            String model = DemoUpstreamWire.requireModel(request);
            List<String> served = path.equals("/v1/embeddings") ? EMBEDDING_MODELS : TEXT_MODELS;
            if (!serves(served, model)) {
                DemoUpstreamWire.respond(exchange, 404, DemoUpstreamWire.openAiError("The model `" + model
                        + "` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"));
                return;
            }
            OPENAI_FORMATS.get(path).answer(exchange, request, options, bill);
        } catch (DemoUpstreamWire.BadRequest e) {
            DemoUpstreamWire.respond(exchange, 400,
                    DemoUpstreamWire.openAiError(e.getMessage(), "invalid_request_error", "invalid_request"));
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return Map.copyOf(headers);
    }

    private static ObjectNode models() {
        ObjectNode root = DemoUpstreamWire.JSON.createObjectNode();
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

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
