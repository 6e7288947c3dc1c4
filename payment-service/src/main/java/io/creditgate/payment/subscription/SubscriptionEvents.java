package io.creditgate.payment.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.creditgate.payment.notice.Notice;
import io.creditgate.payment.notice.PaymentNotices;
import io.creditgate.payment.outbox.Outbox;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.SubscriptionEnded;
import io.creditgate.schemas.event.SubscriptionRenewed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stripe's word on subscriptions, each object retrieved from Stripe's API (never the payload's copy):
 * {@code invoice.paid} renews the plan's allowance ({@code SubscriptionRenewed}, once per invoice),
 * {@code invoice.payment_failed} tells the user (Stripe retries the card on its own schedule),
 * {@code customer.subscription.updated} keeps the row's status and cancellation in step, and
 * {@code customer.subscription.deleted} moves them back to the default plan ({@code SubscriptionEnded}, once per
 * subscription). Subscriptions Creditgate did not sell (no {@code userId} and {@code planId} in their metadata) are
 * ignored.
 */
@Component
class SubscriptionEvents implements StripeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

    /** Who and what a subscription is for, from its metadata (set at checkout). */
    record Owner(String userId, String planId, String offerId) {

        static Owner of(Map<String, String> metadata) {
            if (metadata == null || blank(metadata.get("userId")) || blank(metadata.get("planId"))) {
                return null;
            }
            return new Owner(metadata.get("userId"), metadata.get("planId"), metadata.getOrDefault("offerId", ""));
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    private final StripeAccess stripe;
    private final SubscriptionStore store;
    private final Outbox outbox;
    private final PaymentNotices notices;

    SubscriptionEvents(StripeAccess stripe, SubscriptionStore store, Outbox outbox, PaymentNotices notices) {
        this.stripe = stripe;
        this.store = store;
        this.outbox = outbox;
        this.notices = notices;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("invoice.paid", "invoice.payment_failed", "customer.subscription.updated",
                "customer.subscription.deleted");
    }

    @Override
    public void handle(Event event) {
        String id = StripeEvents.objectId(event);
        // A failed Stripe call is thrown: the webhook answers 500 and Stripe delivers the event again later.
        switch (event.getType()) {
            case "invoice.paid" -> invoicePaid(invoice(id));
            case "invoice.payment_failed" -> paymentFailed(invoice(id));
            case "customer.subscription.updated" -> updated(subscription(id));
            case "customer.subscription.deleted" -> deleted(subscription(id));
            default -> throw new IllegalArgumentException("not a subscription event: " + event.getType());
        }
    }

    private Invoice invoice(String id) {
        return StripeCallFailedException.call("retrieving invoice " + id, () -> stripe.client().v1().invoices().retrieve(id));
    }

    private Subscription subscription(String id) {
        return StripeCallFailedException.call("retrieving subscription " + id,
                () -> stripe.client().v1().subscriptions().retrieve(id));
    }

    private void invoicePaid(Invoice invoice) {
        String subscriptionId = subscriptionOf(invoice);
        if (subscriptionId == null || !"paid".equals(invoice.getStatus())) {
            log.info("Invoice {} is {} and of subscription {}: no renewal", invoice.getId(), invoice.getStatus(),
                    subscriptionId);
            return;
        }
        Subscription subscription = subscription(subscriptionId);
        Owner owner = Owner.of(subscription.getMetadata());
        if (owner == null) {
            log.info("Subscription {} was not sold by Creditgate: invoice {} ignored", subscriptionId, invoice.getId());
            return;
        }
        Period period = periodOf(invoice, subscription);
        long paidMinor = invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid();
        if (!store.recordPaidInvoice(invoice.getId(), subscriptionId, owner.userId(), owner.planId(), period.start(),
                period.end(), paidMinor, invoice.getCurrency())) {
            log.info("Invoice {} was recorded before: no second renewal", invoice.getId());
            return;
        }
        store.upsert(subscriptionId, owner.userId(), owner.offerId(), owner.planId(), subscription.getCustomer(),
                subscription.getStatus(), period.start(), period.end(),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
        outbox.append(Topics.PAYMENT_EVENTS, owner.userId(), SubscriptionRenewed.newBuilder()
                .setEventId(eventId("SubscriptionRenewed", invoice.getId())).setOccurredAt(Instant.now())
                .setUserId(owner.userId()).setSubscriptionId(subscriptionId).setInvoiceId(invoice.getId())
                .setPlanId(owner.planId()).setPeriodStart(period.start()).setPeriodEnd(period.end())
                .setPaidAmountMinor(paidMinor).setCurrency(invoice.getCurrency()).build());
        log.info("Subscription {} of {} renewed by invoice {}: plan {} until {}", subscriptionId, owner.userId(),
                invoice.getId(), owner.planId(), period.end());
    }

    private void paymentFailed(Invoice invoice) {
        String subscriptionId = subscriptionOf(invoice);
        if (subscriptionId == null || "paid".equals(invoice.getStatus())) {
            return;
        }
        Owner owner = Owner.of(subscription(subscriptionId).getMetadata());
        if (owner == null) {
            return;
        }
        long attempt = invoice.getAttemptCount() == null ? 0 : invoice.getAttemptCount();
        // One notice per attempt: the alert service delivers once per eventId, whatever Stripe redelivers.
        notices.raise(Notice.toUser(eventId("RenewalPaymentFailed", invoice.getId() + ":" + attempt), owner.userId(),
                PaymentNoticeKind.RENEWAL_PAYMENT_FAILED, invoice.getId(),
                invoice.getAmountDue() == null ? 0 : invoice.getAmountDue(), invoice.getCurrency(), 0,
                invoice.getHostedInvoiceUrl(), "The renewal of plan " + owner.planId()
                        + " could not be charged; Stripe tries the card again, or pay the invoice at the link"));
        log.info("Invoice {} of subscription {} failed (attempt {}): {} told", invoice.getId(), subscriptionId, attempt,
                owner.userId());
    }

    /**
     * Keeps the row in step with Stripe (status, period, a cancellation at the period's end set or undone in Stripe's
     * dashboard). Renewals and ends are not decided here: invoice.paid and customer.subscription.deleted do that.
     */
    private void updated(Subscription subscription) {
        Owner owner = Owner.of(subscription.getMetadata());
        if (owner == null || "canceled".equals(subscription.getStatus())) {
            return;
        }
        SubscriptionItem item = subscription.getItems().getData().get(0);
        store.upsert(subscription.getId(), owner.userId(), owner.offerId(), owner.planId(), subscription.getCustomer(),
                subscription.getStatus(), Instant.ofEpochSecond(item.getCurrentPeriodStart()),
                Instant.ofEpochSecond(item.getCurrentPeriodEnd()), Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
    }

    private void deleted(Subscription subscription) {
        Owner owner = Owner.of(subscription.getMetadata());
        if (owner == null || !"canceled".equals(subscription.getStatus())) {
            log.info("Subscription {} is {}: nothing ends", subscription.getId(), subscription.getStatus());
            return;
        }
        if (!store.end(subscription.getId(), owner.userId(), owner.offerId(), owner.planId(), subscription.getCustomer())) {
            return;
        }
        outbox.append(Topics.PAYMENT_EVENTS, owner.userId(), SubscriptionEnded.newBuilder()
                .setEventId(eventId("SubscriptionEnded", subscription.getId())).setOccurredAt(Instant.now())
                .setUserId(owner.userId()).setSubscriptionId(subscription.getId()).setPlanId(owner.planId()).build());
        log.info("Subscription {} of {} ended: back to the default plan", subscription.getId(), owner.userId());
    }

    private static String subscriptionOf(Invoice invoice) {
        return invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null ? null
                : invoice.getParent().getSubscriptionDetails().getSubscription();
    }

    record Period(Instant start, Instant end) {
    }

    /**
     * The paid service period: the invoice line's (a subscription invoice's own period_start/period_end is the moment
     * it was made), else the subscription item's current period.
     */
    private static Period periodOf(Invoice invoice, Subscription subscription) {
        if (invoice.getLines() != null && invoice.getLines().getData() != null) {
            for (InvoiceLineItem line : invoice.getLines().getData()) {
                if (line.getPeriod() != null && line.getPeriod().getEnd() != null
                        && line.getPeriod().getEnd() > line.getPeriod().getStart()) {
                    return new Period(Instant.ofEpochSecond(line.getPeriod().getStart()),
                            Instant.ofEpochSecond(line.getPeriod().getEnd()));
                }
            }
        }
        SubscriptionItem item = subscription.getItems().getData().get(0);
        return new Period(Instant.ofEpochSecond(item.getCurrentPeriodStart()),
                Instant.ofEpochSecond(item.getCurrentPeriodEnd()));
    }

    private static String eventId(String what, String key) {
        return UUID.nameUUIDFromBytes((what + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
