package io.creditgate.payment.web;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.web.ApiError;
import io.creditgate.web.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A Stripe call that failed during a request (checkout, refund), in the shared error shape: Stripe's refusal of the
 * request is the client's 400 with Stripe's own message; Stripe unreachable, rate-limiting or refusing our key is 502/503
 * (our side, nothing the client can fix). Asked before service-web's {@link ApiErrors}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StripeErrors {

    private static final Logger log = LoggerFactory.getLogger(StripeErrors.class);

    @ExceptionHandler(StripeCallFailedException.class)
    ResponseEntity<ApiError> stripe(StripeCallFailedException e) {
        StripeException cause = e.getCause();
        log.warn("Stripe call failed: {}", e.getMessage());
        if (cause instanceof IdempotencyException) {
            return ApiErrors.error(HttpStatus.CONFLICT, "idempotency_key_reused",
                    "Stripe refused the retry: this idempotency key was used with other parameters");
        }
        if (cause instanceof InvalidRequestException) {
            return ApiErrors.error(HttpStatus.BAD_REQUEST, "stripe_invalid_request",
                    "Stripe refused the request: " + stripeMessage(cause));
        }
        if (cause instanceof RateLimitException) {
            return ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "stripe_busy", "Stripe is busy; try again shortly");
        }
        if (cause instanceof AuthenticationException) {
            return ApiErrors.error(HttpStatus.BAD_GATEWAY, "stripe_misconfigured",
                    "Stripe refused this service's secret key; an administrator must check STRIPE_SECRET_KEY");
        }
        if (cause instanceof ApiConnectionException) {
            return ApiErrors.error(HttpStatus.BAD_GATEWAY, "stripe_unreachable", "Stripe could not be reached; try again");
        }
        return ApiErrors.error(HttpStatus.BAD_GATEWAY, "stripe_error", "Stripe failed to handle the request; try again");
    }

    private static String stripeMessage(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage()
                : e.getMessage();
    }
}
