package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint for tests, as a payment service would write one: the raw body verified with stripe-java's
 * {@code Webhook.constructEvent} against a secret, 2xx for a good signature, 400 for a bad one. It can be told
 * to answer the next requests with other statuses (a 500, a 302) to play an endpoint that fails.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, with the event when the signature verified. */
    record Received(String body, String signature, String contentType, Event event, int answeredStatus, long atMillis) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> nextStatuses = new ArrayDeque<>();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/webhook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** The next requests are answered with these statuses, in order (a 302 with a Location), then 200 again. */
    synchronized void answerNext(int... statuses) {
        for (int status : statuses) {
            nextStatuses.add(status);
        }
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The events that verified and were answered 2xx, in arrival order. */
    synchronized List<Event> events() {
        return received.stream().filter(r -> r.event() != null && r.answeredStatus() < 300).map(Received::event)
                .toList();
    }

    List<String> types() {
        return events().stream().map(Event::getType).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
            Event event = null;
            int status;
            try {
                event = Webhook.constructEvent(body, signature, secret);
                status = nextStatus();
            } catch (SignatureVerificationException e) {
                status = 400;
            }
            synchronized (this) {
                received.add(new Received(body, signature, exchange.getRequestHeaders().getFirst("Content-Type"), event,
                        status, System.currentTimeMillis()));
            }
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().set("Location", "https://elsewhere.example/webhook");
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private synchronized int nextStatus() {
        Integer next = nextStatuses.poll();
        return next == null ? 200 : next;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
