package io.creditgate.payment.stripe;

import com.stripe.StripeClient;

/**
 * The Stripe API client, when Stripe is configured. Without {@code STRIPE_SECRET_KEY} the service runs in manual-only
 * mode: manual purchases work, everything that needs Stripe answers 503 {@code stripe_not_configured}, and the health
 * and the buy page say so.
 */
public interface StripeAccess {

    /** True when a secret key is configured. */
    boolean enabled();

    /** The client; throws the 503 {@code ApiException} {@code stripe_not_configured} in manual-only mode. */
    StripeClient client();
}
