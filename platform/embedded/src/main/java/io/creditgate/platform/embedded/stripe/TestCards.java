package io.creditgate.platform.embedded.stripe;

import java.util.Map;

/**
 * Stripe's test card numbers and what each does, as on Stripe in test mode. Spaces and dashes in a typed
 * number are ignored. A number not listed here is "incorrect", as Stripe says of a number that fails its check.
 *
 * <p>One deliberate difference: on Stripe, {@code 4000 0025 0000 3155} stops asking for authentication once it
 * was saved for off-session use; here it asks every time, off session too (an {@code authentication_required}
 * decline), so the payment service's "confirm your card" path can be played with the card everybody knows.
 * {@code 4000 0027 6000 3184} behaves the same, as it does on Stripe.
 */
final class TestCards {

    /** What a card does when charged. */
    enum Behaviour { SUCCEEDS, REQUIRES_AUTHENTICATION, DECLINED_INSUFFICIENT_FUNDS, DECLINED_GENERIC }

    /** A known test card. */
    record Card(String number, String brand, Behaviour behaviour) {

        String last4() {
            return number.substring(number.length() - 4);
        }
    }

    private static final Map<String, Card> CARDS = Map.of(
            "4242424242424242", new Card("4242424242424242", "visa", Behaviour.SUCCEEDS),
            "5555555555554444", new Card("5555555555554444", "mastercard", Behaviour.SUCCEEDS),
            "4000002500003155", new Card("4000002500003155", "visa", Behaviour.REQUIRES_AUTHENTICATION),
            "4000002760003184", new Card("4000002760003184", "visa", Behaviour.REQUIRES_AUTHENTICATION),
            "4000000000009995", new Card("4000000000009995", "visa", Behaviour.DECLINED_INSUFFICIENT_FUNDS),
            "4000000000000002", new Card("4000000000000002", "visa", Behaviour.DECLINED_GENERIC));

    private TestCards() {
    }

    /** The card for a typed number, or null when the number is not one of Stripe's test cards. */
    static Card find(String typed) {
        if (typed == null) {
            return null;
        }
        return CARDS.get(typed.replace(" ", "").replace("-", ""));
    }
}
