package io.creditgate.payment.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.customer.StripeCustomers;
import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.web.BuyerAccount;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.creditgate.web.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plans sold by subscription: the offers (anyone signed in), a Checkout {@code mode=subscription} for one of them (own
 * account, or ADMIN for someone else's), and a user's subscription (read: own, ADMIN, FINANCE; cancel at the period's
 * end: own or ADMIN).
 */
@RestController
class SubscriptionController {

    /**
     * {@code userId} is optional: the caller's own account when they own exactly one. Named apart in the OpenAPI
     * document: the pack checkout has a {@code CheckoutRequest} too, and one name would hide the other.
     */
    @Schema(name = "SubscriptionCheckoutRequest")
    record CheckoutRequest(String offerId, String userId) {
    }

    /** @param url Stripe's hosted Checkout page, where the buyer subscribes */
    record SubscriptionCheckoutStarted(String url) {
    }

    record SubscriptionView(String subscriptionId, String userId, String offerId, String planId, String status,
                            Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
                            Instant endedAt) {

        static SubscriptionView of(SubscriptionStore.Subscription s) {
            return new SubscriptionView(s.subscriptionId(), s.userId(), s.offerId(), s.planId(), s.status(),
                    s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(), s.endedAt());
        }
    }

    private final SubscriptionProperties properties;
    private final SubscriptionStore store;
    private final StripeCustomers customers;
    private final StripeAccess stripe;
    private final PaymentLinks links;

    SubscriptionController(SubscriptionProperties properties, SubscriptionStore store, StripeCustomers customers,
                           StripeAccess stripe, PaymentLinks links) {
        this.properties = properties;
        this.store = store;
        this.customers = customers;
        this.stripe = stripe;
        this.links = links;
    }

    @GetMapping("/api/payments/subscription-offers")
    List<SubscriptionOffer> offers() {
        return properties.offers();
    }

    @PostMapping("/api/payments/subscriptions/checkout")
    SubscriptionCheckoutStarted checkout(@RequestBody CheckoutRequest request, Caller caller) {
        if (request.offerId() == null || request.offerId().isBlank()) {
            throw ApiException.badRequest("offerId is required");
        }
        SubscriptionOffer offer = properties.offer(request.offerId()).orElseThrow(() -> ApiException.badRequest(
                "offer_unknown", "offerId: no subscription offer " + request.offerId()));
        String userId = BuyerAccount.resolve(caller, request.userId(), true);
        store.current(userId).filter(existing -> existing.endedAt() == null).ifPresent(existing -> {
            throw ApiException.conflict("subscription_exists", "account " + userId + " already has subscription "
                    + existing.subscriptionId() + " (" + existing.planId() + "); cancel it first");
        });
        return new SubscriptionCheckoutStarted(session(userId, offer).getUrl());
    }

    @GetMapping("/api/payments/users/{userId}/subscription")
    SubscriptionView subscription(@PathVariable String userId) {
        return store.current(UserIdParameter.require(userId).value()).map(SubscriptionView::of)
                .orElseThrow(() -> ApiException.notFound("account " + userId + " has no subscription"));
    }

    /** Cancels at the end of the paid period: the user keeps what they paid for; Stripe then deletes it. */
    @DeleteMapping("/api/payments/users/{userId}/subscription")
    SubscriptionView cancel(@PathVariable String userId) {
        SubscriptionStore.Subscription current = store.current(UserIdParameter.require(userId).value())
                .filter(s -> s.endedAt() == null)
                .orElseThrow(() -> ApiException.notFound("account " + userId + " has no subscription to cancel"));
        StripeCallFailedException.call("cancelling subscription " + current.subscriptionId(),
                () -> stripe.client().v1().subscriptions().update(current.subscriptionId(),
                        SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build()));
        store.markCancelAtPeriodEnd(current.subscriptionId(), true);
        return store.current(current.userId()).map(SubscriptionView::of).orElseThrow();
    }

    private Session session(String userId, SubscriptionOffer offer) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customers.customerFor(userId))
                .setClientReferenceId(userId)
                .setSuccessUrl(links.buyPage() + "?subscription=started")
                .setCancelUrl(links.buyPage() + "?subscription=cancelled")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(offer.currency()).setUnitAmount(offer.priceMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(offer.name()).build())
                                .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                                        .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                                        .build())
                                .build())
                        .build())
                // The subscription carries who and what it is for: every invoice and deletion is read back from it.
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("userId", userId).putMetadata("planId", offer.planId())
                        .putMetadata("offerId", offer.id()).build())
                .putMetadata("purpose", "subscription")
                .putMetadata("userId", userId)
                .putMetadata("offerId", offer.id())
                .build();
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("subscription-checkout:" + userId + ":" + UUID.randomUUID()).build();
        return StripeCallFailedException.call("creating a subscription Checkout Session",
                () -> stripe.client().v1().checkout().sessions().create(params, options));
    }
}
