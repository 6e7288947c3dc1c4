package io.creditgate.ledger.payment;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.CloseDispute;
import io.creditgate.ledger.account.DisputeOutcome;
import io.creditgate.ledger.account.EndSubscription;
import io.creditgate.ledger.account.GrantOutcome;
import io.creditgate.ledger.account.PaymentOutcome;
import io.creditgate.ledger.account.PlanTerms;
import io.creditgate.ledger.account.RecordDispute;
import io.creditgate.ledger.account.RecordPurchase;
import io.creditgate.ledger.account.RecordRefund;
import io.creditgate.ledger.account.RefundOutcome;
import io.creditgate.ledger.account.RenewSubscription;
import io.creditgate.ledger.deadletter.DeadLetters;
import io.creditgate.ledger.deadletter.Poison;
import io.creditgate.ledger.deadletter.PoisonRecordException;
import io.creditgate.ledger.kafka.IntakeErrorHandling;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.PurchaseDisputeClosed;
import io.creditgate.schemas.event.PurchaseDisputed;
import io.creditgate.schemas.event.SubscriptionEnded;
import io.creditgate.schemas.event.SubscriptionRenewed;
import io.creditgate.schemas.identity.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Folds the payment topic: a {@code CreditsPurchased} becomes a PAID grant (once per purchaseId), a
 * {@code CreditsRefunded} takes back the purchase's credits, spent or not (once per refundId), a
 * {@code PurchaseDisputed} holds the purchase's unspent credits and {@code PurchaseDisputeClosed} releases or takes
 * them (once per disputeId), {@code SubscriptionRenewed} starts a paid cycle of a plan renewed by payment (once per
 * invoiceId) and {@code SubscriptionEnded} puts the user back on the default plan (once per subscriptionId). Every key
 * lives in the account itself, so a redelivery, a consumer restart or a second Stripe event for the same
 * payment changes nothing. Offsets are committed after the fold.
 *
 * <p>A record that can never be folded (unreadable bytes, an invalid user id, a refund the account refuses) is
 * thrown as such, and the container dead-letters it to {@code creditgate.payment-dead-letter} before committing its
 * offset ({@code IntakeErrorHandling}, decision 44); anything else is retried.
 */
@Component
class PaymentEventsListener {

    static final String LISTENER_ID = "ledger-payments";
    static final String CONTAINER_FACTORY = "paymentListenerContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final CommandGateway commands;
    private final PlanCatalog accounts;
    private final PaymentMetrics metrics;

    PaymentEventsListener(CommandGateway commands, PlanCatalog accounts, PaymentMetrics metrics) {
        this.commands = commands;
        this.accounts = accounts;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "ledger", containerFactory = CONTAINER_FACTORY,
            autoStartup = "${creditgate.intake.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).PAYMENT_EVENTS.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event = decode(record);
        if (event instanceof CreditsPurchased purchase) {
            requireValidUserId(purchase.getUserId(), purchase.getEventId());
            GrantOutcome outcome = commands.sendAndWait(new RecordPurchase(purchase.getUserId(), purchase.getPurchaseId(),
                    purchase.getEventId(), purchase.getAmountCredits(), purchase.getOccurredAt(), accounts.startingCredits(),
                    accounts.defaultPlan(), purchase.getMethod(), purchase.getReference()));
            count(outcome == GrantOutcome.GRANTED, metrics.purchases, "purchase " + purchase.getPurchaseId());
        } else if (event instanceof CreditsRefunded refund) {
            requireValidUserId(refund.getUserId(), refund.getEventId());
            RefundOutcome outcome = commands.sendAndWait(new RecordRefund(refund.getUserId(), refund.getPurchaseId(),
                    refund.getRefundId(), refund.getEventId(), refund.getAmountCredits(), refund.getOccurredAt()));
            count(outcome == RefundOutcome.REFUNDED, metrics.refunds, "refund " + refund.getRefundId());
        } else if (event instanceof PurchaseDisputed dispute) {
            requireValidUserId(dispute.getUserId(), dispute.getEventId());
            PaymentOutcome outcome = commands.sendAndWait(new RecordDispute(dispute.getUserId(), dispute.getPurchaseId(),
                    dispute.getDisputeId(), dispute.getEventId(), dispute.getAmountCredits(), dispute.getOccurredAt()));
            count(outcome, metrics.disputes, "dispute " + dispute.getDisputeId());
        } else if (event instanceof PurchaseDisputeClosed closure) {
            requireValidUserId(closure.getUserId(), closure.getEventId());
            PaymentOutcome outcome = commands.sendAndWait(new CloseDispute(closure.getUserId(), closure.getPurchaseId(),
                    closure.getDisputeId(), closure.getEventId(), DisputeOutcome.valueOf(closure.getOutcome().name()),
                    closure.getOccurredAt()));
            count(outcome, metrics.disputeClosures, "closure of dispute " + closure.getDisputeId());
        } else if (event instanceof SubscriptionRenewed renewal) {
            requireValidUserId(renewal.getUserId(), renewal.getEventId());
            PlanTerms plan = paymentPlan(renewal);
            PaymentOutcome outcome = commands.sendAndWait(new RenewSubscription(renewal.getUserId(),
                    renewal.getSubscriptionId(), renewal.getInvoiceId(), renewal.getEventId(), plan,
                    renewal.getPeriodStart(), renewal.getPeriodEnd(), renewal.getOccurredAt(), accounts.startingCredits(),
                    accounts.defaultPlan()));
            count(outcome, metrics.subscriptionRenewals, "invoice " + renewal.getInvoiceId());
        } else if (event instanceof SubscriptionEnded ended) {
            requireValidUserId(ended.getUserId(), ended.getEventId());
            PaymentOutcome outcome = commands.sendAndWait(new EndSubscription(ended.getUserId(), ended.getSubscriptionId(),
                    ended.getPlanId(), ended.getEventId(), accounts.defaultPlan(), ended.getOccurredAt()));
            count(outcome, metrics.subscriptionEnds, "end of subscription " + ended.getSubscriptionId());
        }
    }

    /** The catalog's plan a subscription pays for; an unknown plan, or one the clock renews, is poison. */
    private PlanTerms paymentPlan(SubscriptionRenewed renewal) {
        PlanTerms plan = accounts.find(renewal.getPlanId()).orElse(null);
        if (plan == null || !plan.renewedByPayment()) {
            metrics.rejected.increment();
            throw new PoisonRecordException(Poison.rejected("subscription " + renewal.getSubscriptionId() + " pays for plan '"
                    + renewal.getPlanId() + "', " + (plan == null ? "which is not in the catalog"
                    : "which the clock renews (renewed-by: CLOCK)"), renewal.getEventId(), renewal.getUserId()));
        }
        return plan;
    }

    private void count(PaymentOutcome outcome, io.micrometer.core.instrument.Counter counter, String what) {
        if (outcome == PaymentOutcome.IGNORED) {
            metrics.ignored.increment();
            log.info("{} has nothing to do (an older period, or a subscription that ended); skipped", what);
        } else {
            count(outcome == PaymentOutcome.FOLDED, counter, what);
        }
    }

    /** The payment event of the record's bytes; a record that is none is poison. */
    private SpecificRecord decode(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            return Topics.PAYMENT_EVENTS.codec().decode(record.value());
        } catch (RuntimeException unreadable) {
            metrics.unreadable.increment();
            throw new PoisonRecordException(Poison.unreadable("not a readable payment event: " + unreadable.getMessage()));
        }
    }

    /** Checked before the command: the aggregate id must be valid before Axon loads it. */
    private void requireValidUserId(String userId, String eventId) {
        UserId.Problem problem = UserId.problemOf(userId);
        if (problem != null) {
            metrics.rejected.increment();
            throw new PoisonRecordException(Poison.invalidUserId(problem, eventId, userId));
        }
    }

    private void count(boolean folded, io.micrometer.core.instrument.Counter counter, String what) {
        if (folded) {
            counter.increment();
        } else {
            metrics.duplicates.increment();
            log.debug("{} was folded before; skipped", what);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PaymentConsumerConfiguration {

        @Bean(CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<String, byte[]> paymentListenerContainerFactory(KafkaProperties kafka,
                MeterRegistry meters, DeadLetters deadLetters, PaymentMetrics metrics) {
            ConsumerAwareRecordRecoverer publish = deadLetters.recoverer();
            return IntakeErrorHandling.rawRecordContainerFactory(kafka, meters, (record, consumer, failure) -> {
                // The listener counted what it found itself; an account rule broken is counted here.
                if (!(failure instanceof PoisonRecordException) && !(failure.getCause() instanceof PoisonRecordException)) {
                    metrics.rejected.increment();
                }
                publish.accept(record, consumer, failure);
            });
        }
    }
}
