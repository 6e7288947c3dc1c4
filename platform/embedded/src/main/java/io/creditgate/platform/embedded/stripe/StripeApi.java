package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's REST API under {@code /v1}: the secret key checked, a {@code Request-Id} on every answer,
 * idempotency keys honoured on POST, {@code expand[]} applied, errors in Stripe's shape. The routes hand
 * each request to the class that owns the resource.
 */
final class StripeApi {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final int MAX_LIST_LIMIT = 100;

    /** One route: method, path pattern, what answers it (the pattern's groups are the ids in the path). */
    private record Route(String method, Pattern path, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        ObjectNode handle(Matcher path, StripeForm form);
    }

    /** An answer computed under the lock and written after it. */
    private record Answer(int status, String body, boolean replayed) {
    }

    private final Object lock;
    private final StripeStore store;
    private final StripeCheckout checkout;
    private final StripeEventList eventList;
    private final java.util.function.Supplier<String> secretKey;
    private final List<Route> routes = new ArrayList<>();

    StripeApi(Object lock, StripeStore store, StripeCustomers customers, StripeCheckout checkout,
              StripeCharges charges, StripeSubscriptions subscriptions, java.util.function.Supplier<String> secretKey) {
        this.lock = lock;
        this.store = store;
        this.checkout = checkout;
        this.eventList = new StripeEventList(store);
        this.secretKey = secretKey;
        String id = "([A-Za-z0-9_]+)";
        route("POST", "/v1/customers", (p, f) -> customers.create(f));
        route("GET", "/v1/customers/" + id, (p, f) -> customers.get(p.group(1)));
        route("GET", "/v1/customers/" + id + "/payment_methods",
                (p, f) -> customers.paymentMethods(p.group(1), f.string("type"), limit(f)));
        route("GET", "/v1/payment_methods/" + id, (p, f) -> customers.paymentMethod(p.group(1)));
        route("POST", "/v1/checkout/sessions", (p, f) -> checkout.create(f));
        route("GET", "/v1/checkout/sessions/" + id, (p, f) -> checkout.get(p.group(1)));
        route("GET", "/v1/checkout/sessions/" + id + "/line_items",
                (p, f) -> checkout.lineItems(p.group(1), limit(f)));
        route("POST", "/v1/checkout/sessions/" + id + "/expire", (p, f) -> checkout.expire(p.group(1)));
        route("POST", "/v1/payment_intents", (p, f) -> charges.createPaymentIntent(f));
        route("GET", "/v1/payment_intents/" + id, (p, f) -> charges.paymentIntent(p.group(1)));
        route("GET", "/v1/charges/" + id, (p, f) -> charges.charge(p.group(1)));
        route("POST", "/v1/refunds", (p, f) -> charges.refund(f));
        route("GET", "/v1/refunds/" + id, (p, f) -> charges.refundById(p.group(1)));
        route("GET", "/v1/disputes/" + id, (p, f) -> charges.dispute(p.group(1)));
        route("GET", "/v1/subscriptions/" + id, (p, f) -> subscriptions.get(p.group(1)));
        route("POST", "/v1/subscriptions/" + id, (p, f) -> subscriptions.update(p.group(1), f));
        route("DELETE", "/v1/subscriptions/" + id,
                (p, f) -> subscriptions.cancel(p.group(1), "cancellation_requested"));
        route("GET", "/v1/invoices/" + id, (p, f) -> subscriptions.invoice(p.group(1)));
        route("GET", "/v1/setup_intents/" + id, (p, f) -> store.get(p.group(1), "setup_intent", "setupintent"));
        route("GET", "/v1/prices/" + id, (p, f) -> store.get(p.group(1), "price", "price"));
        route("GET", "/v1/products/" + id, (p, f) -> store.get(p.group(1), "product", "product"));
        route("GET", "/v1/events", (p, f) -> eventList.list(f, limit(f)));
        route("GET", "/v1/events/" + id, (p, f) -> store.get(p.group(1), "event", "event"));
    }

    private void route(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
    }

    void handle(HttpExchange exchange) throws IOException {
        String requestId = store.newId("req");
        exchange.getResponseHeaders().set("Request-Id", requestId);
        exchange.getResponseHeaders().set("Stripe-Version", DemoStripe.API_VERSION);
        Answer answer;
        try {
            answer = answer(exchange, requestId);
        } catch (StripeError e) {
            answer = new Answer(e.status, StripeJson.JSON.writeValueAsString(e.body()), false);
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Idempotency-Key", key);
        }
        if (answer.replayed()) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Answer answer(HttpExchange exchange, String requestId) throws IOException {
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        StripeForm form = StripeForm.parse(method.equals("POST") ? body : exchange.getRequestURI().getRawQuery());
        String key = method.equals("POST") ? exchange.getRequestHeaders().getFirst("Idempotency-Key") : null;
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw StripeError.invalidRequest("Idempotency-Key must be 1 to 255 characters long.", null);
        }
        String routeKey = method + " " + path;
        synchronized (lock) {
            if (key != null) {
                StripeStore.IdempotentResponse earlier = store.idempotentResponse(key);
                if (earlier != null) {
                    if (!earlier.route().equals(routeKey) || !earlier.params().equals(form.asMap())) {
                        throw StripeError.idempotencyMismatch(key);
                    }
                    return new Answer(earlier.status(), earlier.body(), true);
                }
            }
            store.setOrigin(new StripeStore.Origin(requestId, key));
            Answer answer;
            try {
                answer = new Answer(200, StripeJson.JSON.writeValueAsString(dispatch(method, path, form)), false);
            } catch (StripeError e) {
                answer = new Answer(e.status, StripeJson.JSON.writeValueAsString(e.body()), false);
            } finally {
                store.setOrigin(null);
            }
            if (key != null && keepsIdempotentResult(answer.status())) {
                store.rememberResponse(key, new StripeStore.IdempotentResponse(routeKey, form.asMap(), answer.status(),
                        answer.body()));
            }
            return answer;
        }
    }

    /**
     * Stripe saves the result of a request that started executing, errors included (a declined card's 402
     * is replayed), but not a request refused while its parameters were validated: those 400s and 404s
     * can be retried with the same key once fixed.
     */
    private static boolean keepsIdempotentResult(int status) {
        return status < 400 || status == 402 || status >= 500;
    }

    private ObjectNode dispatch(String method, String path, StripeForm form) {
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(path);
            if (matcher.matches() && route.method().equals(method)) {
                ObjectNode found = route.handler().handle(matcher, form);
                return expand(found.deepCopy(), form.strings("expand"));
            }
        }
        // Stripe answers a known path with the wrong method the same way: an unrecognised URL.
        throw StripeError.unknownUrl(method, path);
    }

    private void authenticate(String authorization) {
        String given = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            // curl -u sk_test_…: sends the key as the user name of basic auth, as Stripe's docs show.
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                given = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
            } catch (IllegalArgumentException e) {
                given = authorization;
            }
        }
        if (given == null || !given.equals(secretKey.get())) {
            throw StripeError.unauthorized(given);
        }
    }

    /**
     * Replaces ids by the objects they name for each {@code expand[]} path ({@code payment_intent},
     * {@code payment_intent.latest_charge}, {@code data.customer} in a list, a session's {@code line_items}).
     */
    private ObjectNode expand(ObjectNode object, List<String> paths) {
        for (String path : paths) {
            expandPath(object, path.split("\\."), 0, path);
        }
        return object;
    }

    private void expandPath(ObjectNode node, String[] segments, int index, String path) {
        String field = segments[index];
        if (field.equals("data") && node.path("object").asString("").equals("list")) {
            for (JsonNode element : node.get("data")) {
                if (index + 1 < segments.length && element.isObject()) {
                    expandPath((ObjectNode) element, segments, index + 1, path);
                }
            }
            return;
        }
        JsonNode value = node.get(field);
        if (field.equals("line_items") && node.path("object").asString("").equals("checkout.session")) {
            value = checkout.lineItems(node.get("id").asString(), MAX_LIST_LIMIT).deepCopy();
            node.set(field, value);
        } else if (value != null && value.isString() && store.find(value.asString()) != null) {
            value = store.find(value.asString()).deepCopy();
            node.set(field, value);
        } else if (value == null || !(value.isObject() || value.isNull())) {
            throw StripeError.invalidRequest("This property cannot be expanded (" + path + ").", "expand");
        }
        if (index + 1 < segments.length && value.isObject()) {
            expandPath((ObjectNode) value, segments, index + 1, path);
        }
    }

    static long limit(StripeForm form) {
        Long limit = form.longValue("limit");
        if (limit == null) {
            return 10;
        }
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw StripeError.invalidRequest("Invalid limit: must be between 1 and 100", "limit");
        }
        return limit;
    }
}
