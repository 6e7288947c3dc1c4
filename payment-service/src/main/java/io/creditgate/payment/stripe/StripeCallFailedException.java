package io.creditgate.payment.stripe;

import com.stripe.exception.StripeException;

/**
 * A Stripe API call that failed, unchecked so it can leave a {@link StripeEventHandler} (the webhook then rolls the
 * event back and answers 500, and Stripe delivers it again) or a controller (answered by {@code StripeErrors}).
 */
public class StripeCallFailedException extends RuntimeException {

    public StripeCallFailedException(String what, StripeException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }

    @Override
    public synchronized StripeException getCause() {
        return (StripeException) super.getCause();
    }

    /** Runs one Stripe call, turning its checked exception into this one. */
    public static <T> T call(String what, StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw new StripeCallFailedException(what, e);
        }
    }

    /** A call to the Stripe API. */
    @FunctionalInterface
    public interface StripeCall<T> {
        T run() throws StripeException;
    }
}
