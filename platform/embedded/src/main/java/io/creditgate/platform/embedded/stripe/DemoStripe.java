package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Stripe that speaks its real REST API and webhooks, pinned to API version
 * {@value #API_VERSION} (the one stripe-java 33.3.0 is pinned to), so payments can be tried and tested
 * without a Stripe account. Point stripe-java at it with
 * {@code StripeClient.builder().setApiKey(options.secretKey()).setApiBase(demo.baseUrl())}.
 *
 * <h2>Stripe's API, under {@code /v1} (needs {@code Authorization: Bearer <secret key>})</h2>
 * Customers ({@code POST /v1/customers}, {@code GET /v1/customers/{id}}, {@code …/{id}/payment_methods},
 * {@code GET /v1/payment_methods/{id}}); Checkout ({@code POST /v1/checkout/sessions} in payment, subscription
 * and setup mode, {@code GET …/{id}}, {@code GET …/{id}/line_items}, {@code POST …/{id}/expire});
 * {@code POST/GET /v1/payment_intents}, {@code GET /v1/charges/{id}}, {@code POST/GET /v1/refunds},
 * {@code GET /v1/disputes/{id}}, {@code GET/POST/DELETE /v1/subscriptions/{id}}, {@code GET /v1/invoices/{id}},
 * {@code GET /v1/setup_intents/{id}}, {@code GET /v1/prices/{id}}, {@code GET /v1/products/{id}},
 * {@code GET /v1/events} and {@code GET /v1/events/{id}}. {@code expand[]}, {@code Idempotency-Key},
 * {@code Request-Id} and the error shape behave as on Stripe.
 *
 * <h2>The hosted page</h2>
 * {@code GET /c/pay/<session id>}: a "Card number" field and a "Pay" button (Stripe's test cards behave as on
 * Stripe, see {@link TestCards}), "Pay with PIX" (completes the session unpaid; the payment settles after
 * {@link Options#asyncPaymentDelay()} or on command) and "Cancel" back to the {@code cancel_url}.
 *
 * <h2>Control endpoints, under {@code /_demo} (no key needed; parameters form-encoded or in the query)</h2>
 * <ul>
 *   <li>{@code POST /_demo/checkout/sessions/{id}/pay} {@code card_number=…[&email=…]}: pay as the page does;
 *       answers {@code {"outcome":"PAID|REQUIRES_AUTHENTICATION|DECLINED|INCORRECT_NUMBER"}}</li>
 *   <li>{@code POST /_demo/checkout/sessions/{id}/authenticate} {@code result=complete|fail}</li>
 *   <li>{@code POST /_demo/checkout/sessions/{id}/pix}: pay with PIX (settles later)</li>
 *   <li>{@code POST /_demo/checkout/sessions/{id}/async_payment} {@code result=succeeded|failed}</li>
 *   <li>{@code POST /_demo/charges/{id}/dispute}: open a fraud dispute (answers the dispute)</li>
 *   <li>{@code POST /_demo/disputes/{id}/close} {@code result=won|lost}</li>
 *   <li>{@code POST /_demo/subscriptions/{id}/renew} {@code result=paid|failed}: bill the next period (answers
 *       the invoice, or the subscription when it was set to cancel at the period's end and ended)</li>
 *   <li>{@code POST /_demo/subscriptions/{id}/end}: end it now ({@code customer.subscription.deleted})</li>
 *   <li>{@code POST /_demo/events/{id}/redeliver} {@code [delay_seconds=n]}: send an event again</li>
 *   <li>{@code GET /_demo/webhooks/deliveries}: every delivery attempt (event, type, URL, attempt, status)</li>
 *   <li>{@code POST /_demo/webhooks/endpoints} {@code url=…&secrets[]=whsec_…}: add a webhook endpoint</li>
 * </ul>
 * The same is a Java API on this class for tests. Everything is in memory and lost on {@link #close()}.
 */
public final class DemoStripe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoStripe.class);

    /** The Stripe API version the demo speaks: stripe-java 33.3.0's {@code ApiVersion.CURRENT}. */
    public static final String API_VERSION = "2026-07-29.dahlia";
    /** The secret key the demo accepts unless told otherwise. */
    public static final String DEFAULT_SECRET_KEY = "sk_test_creditgate_demo";

    /**
     * A webhook endpoint: where events go and the secrets they are signed with (more than one while a secret
     * is being rolled: every signature is in the one {@code Stripe-Signature} header).
     */
    public record WebhookEndpoint(String url, List<String> secrets) {

        public WebhookEndpoint {
            Objects.requireNonNull(url, "url");
            secrets = List.copyOf(secrets);
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("A webhook endpoint needs at least one signing secret (whsec_…)");
            }
        }

        public static WebhookEndpoint of(String url, String... secrets) {
            return new WebhookEndpoint(url, List.of(secrets));
        }
    }

    /** What became of one delivery attempt. */
    public enum DeliveryOutcome { DELIVERED, WILL_RETRY, GAVE_UP }

    /**
     * One POST of an event to an endpoint.
     *
     * @param attempt 1 for the first try of a delivery, then 2, 3… for its retries
     * @param httpStatus the endpoint's answer, 0 when it could not be reached
     * @param error why it could not be reached, or null
     */
    public record DeliveryAttempt(String eventId, String eventType, String url, int attempt, int httpStatus,
                                  String error, DeliveryOutcome outcome, Instant at) {
    }

    /** What paying a Checkout Session did. */
    public enum CheckoutOutcome {
        PAID, AWAITING_ASYNC_PAYMENT, REQUIRES_AUTHENTICATION, AUTHENTICATION_FAILED, DECLINED, INCORRECT_NUMBER
    }

    /** An event as stored: its id, type and the JSON the webhooks carry. */
    public record StoredEvent(String id, String type, String json) {
    }

    /**
     * How the demo behaves.
     *
     * @param port the port to listen on, 0 for a free one
     * @param secretKey the only API key accepted ({@code sk_test_…})
     * @param publicUrl the address browsers reach the demo at (the hosted page's {@code url}), null for
     *     {@link #baseUrl()}
     * @param webhookEndpoints where events are delivered
     * @param asyncPaymentDelay how long a PIX payment takes to settle (successfully) by itself; null to settle
     *     only on command ({@link #settleAsyncPayment}, {@link #failAsyncPayment})
     * @param deliveriesPerEvent how many times each event is delivered (more than 1 plays duplicates)
     * @param deliveryDelay how long after an event its delivery starts
     * @param outOfOrderWindow zero to deliver in order; otherwise events are held this long and then delivered
     *     newest first (a {@code checkout.session.completed} after what followed it)
     * @param retryInitialDelay the pause before the first retry of a failed delivery, doubling for each next one
     * @param maxDeliveryAttempts attempts per delivery before giving up, the first included
     */
    public record Options(int port, String secretKey, String publicUrl, List<WebhookEndpoint> webhookEndpoints,
                          Duration asyncPaymentDelay, int deliveriesPerEvent, Duration deliveryDelay,
                          Duration outOfOrderWindow, Duration retryInitialDelay, int maxDeliveryAttempts) {

        public Options {
            Objects.requireNonNull(secretKey, "secretKey");
            webhookEndpoints = List.copyOf(webhookEndpoints);
            Objects.requireNonNull(deliveryDelay, "deliveryDelay");
            Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
            Objects.requireNonNull(retryInitialDelay, "retryInitialDelay");
            if (!secretKey.startsWith("sk_test_")) {
                throw new IllegalArgumentException("The demo's secret key must start with sk_test_");
            }
            if (deliveriesPerEvent < 1 || maxDeliveryAttempts < 1) {
                throw new IllegalArgumentException("deliveriesPerEvent and maxDeliveryAttempts must be at least 1");
            }
        }

        /** A free port, {@link #DEFAULT_SECRET_KEY}, no endpoints, PIX settling after 3 s, 5 attempts 1 s apart and doubling. */
        public static Options defaults() {
            return new Options(0, DEFAULT_SECRET_KEY, null, List.of(), Duration.ofSeconds(3), 1, Duration.ZERO,
                    Duration.ZERO, Duration.ofSeconds(1), 5);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, secretKey, publicUrl, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withSecretKey(String key) {
            return new Options(port, key, publicUrl, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withPublicUrl(String url) {
            return new Options(port, secretKey, url, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withWebhookEndpoints(List<WebhookEndpoint> endpoints) {
            return new Options(port, secretKey, publicUrl, endpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withWebhookEndpoint(String url, String... secrets) {
            List<WebhookEndpoint> endpoints = new ArrayList<>(webhookEndpoints);
            endpoints.add(WebhookEndpoint.of(url, secrets));
            return withWebhookEndpoints(endpoints);
        }

        public Options withAsyncPaymentDelay(Duration delay) {
            return new Options(port, secretKey, publicUrl, webhookEndpoints, delay, deliveriesPerEvent, deliveryDelay,
                    outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withDeliveriesPerEvent(int times) {
            return new Options(port, secretKey, publicUrl, webhookEndpoints, asyncPaymentDelay, times, deliveryDelay,
                    outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withDeliveryDelay(Duration delay) {
            return new Options(port, secretKey, publicUrl, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    delay, outOfOrderWindow, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withOutOfOrderWindow(Duration window) {
            return new Options(port, secretKey, publicUrl, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, window, retryInitialDelay, maxDeliveryAttempts);
        }

        public Options withRetries(Duration initialDelay, int maxAttempts) {
            return new Options(port, secretKey, publicUrl, webhookEndpoints, asyncPaymentDelay, deliveriesPerEvent,
                    deliveryDelay, outOfOrderWindow, initialDelay, maxAttempts);
        }

        DemoWebhooks.Settings webhookSettings() {
            return new DemoWebhooks.Settings(deliveriesPerEvent, deliveryDelay, outOfOrderWindow, retryInitialDelay,
                    maxDeliveryAttempts);
        }
    }

    private final Object lock = new Object();
    private final Options startOptions;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final DemoWebhooks webhooks;
    private final StripeStore store;
    private final StripeCheckout checkout;
    private final StripeCharges charges;
    private final StripeSubscriptions subscriptions;
    private volatile Options options;

    private DemoStripe(Options options) throws IOException {
        this.startOptions = options;
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 512);
        this.executor = Executors.newCachedThreadPool(daemon("demo-stripe"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("demo-stripe-timers"));
        this.webhooks = new DemoWebhooks(options.webhookSettings(), options.webhookEndpoints());
        this.store = new StripeStore(event -> webhooks.publish(event.get("id").asString(),
                event.get("type").asString(), StripeJson.JSON.writeValueAsString(event)));
        String publicUrl = options.publicUrl() != null ? options.publicUrl()
                : "http://127.0.0.1:" + server.getAddress().getPort();
        StripeEvents events = new StripeEvents(store, webhooks::endpointCount);
        StripeCustomers customers = new StripeCustomers(store, events);
        this.charges = new StripeCharges(store, events, customers, publicUrl);
        this.subscriptions = new StripeSubscriptions(store, events, charges, publicUrl);
        this.checkout = new StripeCheckout(store, events, customers, charges, subscriptions, publicUrl);
        StripeApi api = new StripeApi(lock, store, customers, checkout, charges, subscriptions,
                () -> this.options.secretKey());
        DemoCheckoutPage page = new DemoCheckoutPage(lock, store, checkout, this::scheduleAsyncSettlement);
        DemoControl control = new DemoControl(this);
        server.setExecutor(executor);
        server.createContext("/v1", safely(api::handle));
        server.createContext("/_demo", safely(control::handle));
        server.createContext("/", safely(page::handle));
        server.start();
    }

    /** Starts on a free port with {@link Options#defaults()}. */
    public static DemoStripe start() {
        return start(Options.defaults());
    }

    public static DemoStripe start(Options options) {
        try {
            DemoStripe demo = new DemoStripe(options);
            log.info("Demo Stripe (API version {}) listening at {}", API_VERSION, demo.baseUrl());
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the demo Stripe on port " + options.port(), e);
        }
    }

    /** For example {@code http://127.0.0.1:4712}: stripe-java's API base; the API lives under {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Options options() {
        return options;
    }

    /**
     * Behaves by other options from now on (the port and public URL stay): key, webhook endpoints and
     * delivery behaviour, PIX delay. Deliveries already scheduled keep the options they started with.
     */
    public void reconfigure(Options newOptions) {
        this.options = newOptions;
        webhooks.reconfigure(newOptions.webhookSettings());
        webhooks.removeEndpoints();
        newOptions.webhookEndpoints().forEach(webhooks::addEndpoint);
    }

    /** Goes back to the start options and forgets the delivery attempts; the objects stay. */
    public void reset() {
        reconfigure(startOptions);
        webhooks.forgetAttempts();
    }

    /** Adds a webhook endpoint that receives every event from now on. */
    public void addWebhookEndpoint(String url, String... secrets) {
        WebhookEndpoint endpoint = WebhookEndpoint.of(url, secrets);
        webhooks.addEndpoint(endpoint);
        List<WebhookEndpoint> endpoints = new ArrayList<>(options.webhookEndpoints());
        endpoints.add(endpoint);
        this.options = options.withWebhookEndpoints(endpoints);
    }

    /** Pays an open Checkout Session with a test card number, as the hosted page's "Pay" button does. */
    public CheckoutOutcome payCheckout(String sessionId, String cardNumber) {
        return call(() -> checkout.payWithCard(sessionId, cardNumber, null));
    }

    /** Answers the authentication a card asked for ({@link CheckoutOutcome#REQUIRES_AUTHENTICATION}). */
    public CheckoutOutcome completeAuthentication(String sessionId, boolean complete) {
        return call(() -> checkout.authenticate(sessionId, complete, null));
    }

    /** Pays an open payment-mode session with PIX: complete but unpaid until it settles. */
    public CheckoutOutcome payCheckoutWithPix(String sessionId) {
        CheckoutOutcome outcome = call(() -> checkout.payWithPix(sessionId, null));
        scheduleAsyncSettlement(sessionId);
        return outcome;
    }

    /** The PIX payment of a session arrives now: {@code checkout.session.async_payment_succeeded}. */
    public void settleAsyncPayment(String sessionId) {
        call(() -> checkout.settleAsync(sessionId, true));
    }

    /** The PIX payment of a session never arrives: {@code checkout.session.async_payment_failed}. */
    public void failAsyncPayment(String sessionId) {
        call(() -> checkout.settleAsync(sessionId, false));
    }

    /** Opens a fraud dispute on a paid charge ({@code charge.dispute.created}); returns the dispute's id. */
    public String openDispute(String chargeId) {
        return call(() -> charges.openDispute(chargeId)).get("id").asString();
    }

    /** Closes a dispute won or lost ({@code charge.dispute.closed}). */
    public void closeDispute(String disputeId, boolean won) {
        call(() -> charges.closeDispute(disputeId, won));
    }

    /** Bills the next period, paid ({@code invoice.paid}); the new invoice's id, or null when it ended instead. */
    public String renewSubscription(String subscriptionId) {
        return invoiceId(call(() -> subscriptions.renew(subscriptionId, true)));
    }

    /** Bills the next period and the card fails ({@code invoice.payment_failed}, {@code past_due}). */
    public String failSubscriptionRenewal(String subscriptionId) {
        return invoiceId(call(() -> subscriptions.renew(subscriptionId, false)));
    }

    /** Ends a subscription now, as Stripe does after the last failed retry ({@code customer.subscription.deleted}). */
    public void endSubscription(String subscriptionId) {
        call(() -> subscriptions.cancel(subscriptionId, "payment_failed"));
    }

    /** Sends an event once more to every endpoint now. */
    public void redeliver(String eventId) {
        redeliver(eventId, Duration.ZERO);
    }

    /** Sends an event once more to every endpoint after {@code delay}. */
    public void redeliver(String eventId, Duration delay) {
        ObjectNode event = call(() -> store.get(eventId, "event", "event"));
        webhooks.redeliver(eventId, event.get("type").asString(), StripeJson.JSON.writeValueAsString(event), delay);
    }

    /** Every delivery attempt so far (up to 10,000), oldest first. */
    public List<DeliveryAttempt> deliveries() {
        return webhooks.attempts();
    }

    /** Every event so far, oldest first. */
    public List<StoredEvent> events() {
        synchronized (lock) {
            return store.events().stream().map(event -> new StoredEvent(event.get("id").asString(),
                    event.get("type").asString(), StripeJson.JSON.writeValueAsString(event))).toList();
        }
    }

    /** The events of one type, oldest first. */
    public List<StoredEvent> events(String type) {
        return events().stream().filter(event -> event.type().equals(type)).toList();
    }

    /**
     * A {@code Stripe-Signature} header for {@code payload} as Stripe makes it, for tests that send webhooks of
     * their own: a stale one (a timestamp more than 300 s old), a forged one (another secret), a rolled one.
     *
     * @param unixSeconds the {@code t=} timestamp, in seconds since the epoch
     */
    public static String signatureHeader(String payload, long unixSeconds, String... secrets) {
        return DemoWebhooks.signatureHeader(payload, unixSeconds, List.of(secrets));
    }

    private void scheduleAsyncSettlement(String sessionId) {
        Duration delay = options.asyncPaymentDelay();
        if (delay == null) {
            return;
        }
        timers.schedule(() -> {
            synchronized (lock) {
                if (checkout.awaitsAsyncPayment(sessionId)) {
                    checkout.settleAsync(sessionId, true);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a Java API call under the lock; Stripe's 404 becomes NoSuchElementException, other refusals IllegalStateException. */
    private <T> T call(Supplier<T> action) {
        synchronized (lock) {
            try {
                return action.get();
            } catch (StripeError e) {
                if (e.status == 404) {
                    throw new NoSuchElementException(e.getMessage());
                }
                throw new IllegalStateException(e.getMessage());
            }
        }
    }

    private static String invoiceId(ObjectNode invoice) {
        return invoice == null ? null : invoice.get("id").asString();
    }

    /** Any failure inside the demo is a 500 in Stripe's shape ({@code api_error}), never a stack trace. */
    private static HttpHandler safely(ExchangeHandler handler) {
        return exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (IOException e) {
                log.debug("Demo Stripe: client went away: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Demo Stripe failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                try {
                    StripeJson.respond(exchange, 500, new StripeError(500, "api_error", null,
                            "An unexpected error occurred in the demo Stripe.", null, null, null).body());
                } catch (IOException | RuntimeException ignored) {
                    // The response had already started; nothing more can be said.
                }
            }
        };
    }

    @FunctionalInterface
    interface ExchangeHandler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        timers.shutdownNow();
        webhooks.close();
    }
}
