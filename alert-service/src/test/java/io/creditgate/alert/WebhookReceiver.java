package io.creditgate.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks at {@code /hooks/<name>}, records each request and answers
 * with the statuses scripted for that name (200 once the script is used up).
 */
public final class WebhookReceiver {

    /** One request as it arrived. */
    public record Received(Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hooks/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "webhook-receiver-stop"));
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    /** The next requests to {@code name} get these statuses, in order. */
    public void script(String name, Integer... statuses) {
        scripts.computeIfAbsent(name, n -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public List<Received> received(String name) {
        return received.getOrDefault(name, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(new Received(exchange.getRequestHeaders(), body));
        Deque<Integer> script = scripts.get(name);
        Integer scripted = script == null ? null : script.pollFirst();
        int status = scripted == null ? 200 : scripted;
        byte[] answer = (status == 200 ? "ok" : "scripted failure").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
