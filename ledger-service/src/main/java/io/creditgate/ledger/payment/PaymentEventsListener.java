package io.creditgate.ledger.payment;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.GrantOutcome;
import io.creditgate.ledger.account.RecordPurchase;
import io.creditgate.ledger.account.RecordRefund;
import io.creditgate.ledger.account.RefundOutcome;
import io.creditgate.ledger.deadletter.DeadLetters;
import io.creditgate.ledger.deadletter.Poison;
import io.creditgate.ledger.deadletter.PoisonRecordException;
import io.creditgate.ledger.kafka.IntakeErrorHandling;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.identity.UserId;
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
 * {@code CreditsRefunded} takes back at most the purchase's unspent credits (once per refundId). Both keys
 * live in the account itself, so a redelivery, a consumer restart or a second Stripe event for the same
 * purchase changes nothing. Offsets are committed after the fold.
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
                    purchase.getEventId(), purchase.getAmountCredits(), purchase.getOccurredAt(), accounts.startingCredits(), accounts.defaultPlan()));
            count(outcome == GrantOutcome.GRANTED, metrics.purchases, "purchase " + purchase.getPurchaseId());
        } else if (event instanceof CreditsRefunded refund) {
            requireValidUserId(refund.getUserId(), refund.getEventId());
            RefundOutcome outcome = commands.sendAndWait(new RecordRefund(refund.getUserId(), refund.getPurchaseId(),
                    refund.getRefundId(), refund.getEventId(), refund.getAmountCredits(), refund.getOccurredAt()));
            count(outcome == RefundOutcome.REFUNDED, metrics.refunds, "refund " + refund.getRefundId());
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
                DeadLetters deadLetters, PaymentMetrics metrics) {
            ConsumerAwareRecordRecoverer publish = deadLetters.recoverer();
            return IntakeErrorHandling.rawRecordContainerFactory(kafka, (record, consumer, failure) -> {
                // The listener counted what it found itself; an account rule broken is counted here.
                if (!(failure instanceof PoisonRecordException) && !(failure.getCause() instanceof PoisonRecordException)) {
                    metrics.rejected.increment();
                }
                publish.accept(record, consumer, failure);
            });
        }
    }
}
