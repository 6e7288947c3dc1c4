package io.creditgate.platform.embedded.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery as Stripe does it: one POST per event and endpoint, the JSON event as body, signed in
 * {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>} with one {@code v1} per
 * secret of the endpoint (two while a secret is being rolled). Anything but a 2xx (a redirect included) or a
 * connection error is retried with exponential backoff until the attempts run out; every attempt is recorded.
 *
 * <p>Deliveries run on one thread of their own, so by default events arrive in the order they happened and
 * never under the lock of the API. The options play what real delivery does now and then: every event
 * several times, events out of order (held for a window, then sent newest first), a delay before sending.
 */
final class DemoWebhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoWebhooks.class);
    private static final int MAX_RECORDED_ATTEMPTS = 10_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** How deliveries behave; see {@link DemoStripe.Options} for each field. */
    record Settings(int deliveriesPerEvent, Duration deliveryDelay, Duration outOfOrderWindow,
                    Duration retryInitialDelay, int maxAttempts) {
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-stripe-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();
    private final List<DemoStripe.WebhookEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final List<DemoStripe.DeliveryAttempt> attempts = new ArrayList<>();
    private final List<Pending> held = new ArrayList<>();
    private volatile Settings settings;

    /** One event to send: its id, type and the exact bytes every attempt signs and sends. */
    private record Pending(String eventId, String type, String body) {
    }

    DemoWebhooks(Settings settings, List<DemoStripe.WebhookEndpoint> initial) {
        this.settings = settings;
        endpoints.addAll(initial);
    }

    void reconfigure(Settings newSettings) {
        this.settings = newSettings;
    }

    void addEndpoint(DemoStripe.WebhookEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void removeEndpoints() {
        endpoints.clear();
    }

    int endpointCount() {
        return endpoints.size();
    }

    synchronized List<DemoStripe.DeliveryAttempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void forgetAttempts() {
        attempts.clear();
    }

    /** Sends a new event to every endpoint, as the options say (now, later, several times, out of order). */
    void publish(String eventId, String type, String body) {
        Settings current = settings;
        Pending pending = new Pending(eventId, type, body);
        if (current.outOfOrderWindow().isZero()) {
            scheduler.schedule(() -> sendToAll(pending, current), current.deliveryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (held) {
            held.add(pending);
            if (held.size() == 1) {
                long after = current.deliveryDelay().plus(current.outOfOrderWindow()).toMillis();
                scheduler.schedule(() -> flushHeld(current), after, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends an existing event once more to every endpoint after {@code delay}, as the dashboard's "Resend" does. */
    void redeliver(String eventId, String type, String body, Duration delay) {
        Pending pending = new Pending(eventId, type, body);
        scheduler.schedule(() -> endpoints.forEach(endpoint -> attempt(pending, endpoint, 1)), delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void flushHeld(Settings current) {
        List<Pending> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        // Newest first: a checkout.session.completed arrives after what followed it.
        for (int i = batch.size() - 1; i >= 0; i--) {
            sendToAll(batch.get(i), current);
        }
    }

    private void sendToAll(Pending pending, Settings current) {
        for (int copy = 0; copy < current.deliveriesPerEvent(); copy++) {
            endpoints.forEach(endpoint -> attempt(pending, endpoint, 1));
        }
    }

    private void attempt(Pending pending, DemoStripe.WebhookEndpoint endpoint, int attemptNo) {
        int status = 0;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signatureHeader(pending.body(), Instant.now().getEpochSecond(),
                            endpoint.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofString(pending.body(), StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        boolean delivered = status >= 200 && status < 300;
        Settings current = settings;
        DemoStripe.DeliveryOutcome outcome = delivered ? DemoStripe.DeliveryOutcome.DELIVERED
                : attemptNo < current.maxAttempts() ? DemoStripe.DeliveryOutcome.WILL_RETRY
                : DemoStripe.DeliveryOutcome.GAVE_UP;
        record(new DemoStripe.DeliveryAttempt(pending.eventId(), pending.type(), endpoint.url(), attemptNo, status,
                error, outcome, Instant.now()));
        if (outcome == DemoStripe.DeliveryOutcome.WILL_RETRY) {
            long backoffMs = current.retryInitialDelay().toMillis() << Math.min(attemptNo - 1, 20);
            scheduler.schedule(() -> attempt(pending, endpoint, attemptNo + 1), backoffMs, TimeUnit.MILLISECONDS);
        } else if (outcome == DemoStripe.DeliveryOutcome.GAVE_UP) {
            log.warn("Demo Stripe gave up delivering {} ({}) to {} after {} attempts", pending.eventId(),
                    pending.type(), endpoint.url(), attemptNo);
        }
    }

    private synchronized void record(DemoStripe.DeliveryAttempt attempt) {
        if (attempts.size() == MAX_RECORDED_ATTEMPTS) {
            attempts.remove(0);
        }
        attempts.add(attempt);
    }

    /** {@code t=<unix>,v1=<sig>[,v1=<sig>…]}: one signature per secret, as Stripe signs while a secret rolls. */
    static String signatureHeader(String body, long timestamp, List<String> secrets) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(hmacSha256Hex(secret, timestamp + "." + body));
        }
        return header.toString();
    }

    private static String hmacSha256Hex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
