package io.creditgate.platform.embedded.stripe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request the demo refuses, answered in Stripe's error shape:
 * {@code {"error":{"type","code","message","param","decline_code","payment_intent"}}}. Thrown from anywhere
 * under a request and turned into the response by {@link StripeApi}; never a stack trace on the wire.
 */
final class StripeError extends RuntimeException {

    final int status;
    final String type;
    final String code;
    final String param;
    final String declineCode;
    /** The PaymentIntent a card error is about (Stripe embeds it in the error), or null. */
    final ObjectNode paymentIntent;

    StripeError(int status, String type, String code, String message, String param, String declineCode,
                ObjectNode paymentIntent) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
        this.paymentIntent = paymentIntent;
    }

    static StripeError invalidRequest(String message, String param) {
        return new StripeError(400, "invalid_request_error", null, message, param, null, null);
    }

    static StripeError invalidRequest(String code, String message, String param) {
        return new StripeError(400, "invalid_request_error", code, message, param, null, null);
    }

    static StripeError missingParam(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_missing", "Missing required param: " + param
                + ".", param, null, null);
    }

    /** Stripe's 404 for an id it does not know: "No such customer: 'cus_x'". */
    static StripeError noSuch(String noun, String id) {
        return new StripeError(404, "invalid_request_error", "resource_missing", "No such " + noun + ": '" + id + "'",
                "id", null, null);
    }

    static StripeError unknownUrl(String method, String path) {
        return new StripeError(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path
                + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", null, null,
                null);
    }

    /**
     * A bad or missing key. Stripe answers 401 with type {@code invalid_request_error} (not
     * {@code authentication_error}); stripe-java raises its {@code AuthenticationException} from the status.
     */
    static StripeError unauthorized(String given) {
        String message = given == null
                ? "You did not provide an API key. You need to provide your API key in the Authorization header, using"
                        + " Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
                : "Invalid API Key provided: " + redact(given);
        return new StripeError(401, "invalid_request_error", null, message, null, null, null);
    }

    static StripeError idempotencyMismatch(String key) {
        return new StripeError(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the"
                + " same parameters they were first used with. Try using a key other than '" + key
                + "' if you meant to execute a different request.", null, null, null);
    }

    /** A card refused, HTTP 402, with the PaymentIntent it left behind. */
    static StripeError card(String code, String declineCode, String message, ObjectNode paymentIntent) {
        return new StripeError(402, "card_error", code, message, null, declineCode, paymentIntent);
    }

    ObjectNode body() {
        ObjectNode root = StripeJson.JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        if (paymentIntent != null) {
            error.set("payment_intent", paymentIntent);
            JsonNode charge = paymentIntent.path("last_payment_error").get("charge");
            if (charge != null) {
                error.set("charge", charge);
            }
            JsonNode method = paymentIntent.path("last_payment_error").get("payment_method");
            if (method != null) {
                error.set("payment_method", method);
            }
        }
        error.put("request_log_url", "https://dashboard.stripe.com/test/logs");
        error.put("type", type);
        return root;
    }

    private static String redact(String key) {
        return key.length() <= 12 ? "****" : key.substring(0, 8) + "*".repeat(Math.min(20, key.length() - 12))
                + key.substring(key.length() - 4);
    }
}
