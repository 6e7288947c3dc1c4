package io.creditgate.payment.checkout;

/** The answer to a checkout: where to send the buyer, and the session. */
public record CheckoutStarted(String url, String sessionId) {
}
