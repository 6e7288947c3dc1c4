package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control endpoints under {@code /_demo} (listed in {@link DemoStripe}'s javadoc): what happens on
 * Stripe's side without an API call (a PIX payment arriving, a dispute, a renewal), for the demo platform and
 * for tests in other languages. Each one calls the same Java API a JVM test calls.
 */
final class DemoControl {

    private static final Pattern ACTION = Pattern.compile(
            "/_demo/(checkout/sessions|charges|disputes|subscriptions|events)/([A-Za-z0-9_]+)/([a-z_]+)");

    private final DemoStripe demo;

    DemoControl(DemoStripe demo) {
        this.demo = demo;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        try {
            StripeForm form = StripeForm.parse(body.isEmpty() ? query : body);
            ObjectNode answer;
            if (method.equals("GET") && path.equals("/_demo/webhooks/deliveries")) {
                answer = deliveries();
            } else if (method.equals("POST") && path.equals("/_demo/webhooks/endpoints")) {
                demo.addWebhookEndpoint(form.require("url"), form.strings("secrets").toArray(String[]::new));
                answer = StripeJson.object().put("added", form.string("url"));
            } else {
                Matcher action = ACTION.matcher(path);
                if (!method.equals("POST") || !action.matches()) {
                    throw StripeError.unknownUrl(method, path);
                }
                answer = act(action.group(1), action.group(2), action.group(3), form);
            }
            StripeJson.respond(exchange, 200, answer);
        } catch (StripeError e) {
            StripeJson.respond(exchange, e.status, e.body());
        } catch (NoSuchElementException e) {
            StripeJson.respond(exchange, 404, StripeError.invalidRequest("resource_missing", e.getMessage(), "id")
                    .body());
        } catch (IllegalStateException | IllegalArgumentException e) {
            StripeJson.respond(exchange, 400, StripeError.invalidRequest(e.getMessage(), null).body());
        }
    }

    private ObjectNode act(String resource, String id, String action, StripeForm form) {
        ObjectNode answer = StripeJson.object().put("id", id);
        switch (resource + "/" + action) {
            case "checkout/sessions/pay" -> answer.put("outcome", demo.payCheckout(id, form.require("card_number"))
                    .name());
            case "checkout/sessions/authenticate" -> answer.put("outcome", demo.completeAuthentication(id,
                    choice(form, "complete", "fail")).name());
            case "checkout/sessions/pix" -> answer.put("outcome", demo.payCheckoutWithPix(id).name());
            case "checkout/sessions/async_payment" -> {
                if (choice(form, "succeeded", "failed")) {
                    demo.settleAsyncPayment(id);
                } else {
                    demo.failAsyncPayment(id);
                }
            }
            case "charges/dispute" -> answer.put("dispute", demo.openDispute(id));
            case "disputes/close" -> demo.closeDispute(id, choice(form, "won", "lost"));
            case "subscriptions/renew" -> answer.put("invoice", choice(form, "paid", "failed")
                    ? demo.renewSubscription(id) : demo.failSubscriptionRenewal(id));
            case "subscriptions/end" -> demo.endSubscription(id);
            case "events/redeliver" -> {
                Long seconds = form.longValue("delay_seconds");
                demo.redeliver(id, Duration.ofSeconds(seconds == null ? 0 : Math.max(0, seconds)));
            }
            default -> throw StripeError.unknownUrl("POST", "/_demo/" + resource + "/" + id + "/" + action);
        }
        return answer;
    }

    /** A required {@code result} that is one of two words: true for the first. */
    private static boolean choice(StripeForm form, String yes, String no) {
        String result = form.require("result");
        if (!result.equals(yes) && !result.equals(no)) {
            throw StripeError.invalidRequest("Invalid result: must be " + yes + " or " + no, "result");
        }
        return result.equals(yes);
    }

    private ObjectNode deliveries() {
        ObjectNode root = StripeJson.object();
        ArrayNode data = root.putArray("data");
        for (DemoStripe.DeliveryAttempt attempt : demo.deliveries()) {
            ObjectNode entry = data.addObject();
            entry.put("event", attempt.eventId());
            entry.put("type", attempt.eventType());
            entry.put("url", attempt.url());
            entry.put("attempt", attempt.attempt());
            entry.put("http_status", attempt.httpStatus());
            entry.put("error", attempt.error());
            entry.put("outcome", attempt.outcome().name());
            entry.put("at", attempt.at().toString());
        }
        return root;
    }
}
