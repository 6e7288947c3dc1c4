package io.creditgate.ledger.payment;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.GrantOutcome;
import io.creditgate.ledger.account.RecordPurchase;
import io.creditgate.ledger.account.RecordRefund;
import io.creditgate.ledger.account.RefundOutcome;
import io.creditgate.ledger.account.UserIds;
import io.creditgate.ledger.kafka.IntakeErrorHandling;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
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
import org.springframework.stereotype.Component;

/**
 * Folds the payment topic: a {@code CreditsPurchased} becomes a PAID grant (once per purchaseId), a
 * {@code CreditsRefunded} takes back at most the purchase's unspent credits (once per refundId). Both keys
 * live in the account itself, so a redelivery, a consumer restart or a second Stripe event for the same
 * purchase changes nothing. Offsets are committed after the fold.
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
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof CreditsPurchased purchase) {
            UserIds.requireValid(purchase.getUserId());
            GrantOutcome outcome = commands.sendAndWait(new RecordPurchase(purchase.getUserId(), purchase.getPurchaseId(),
                    purchase.getEventId(), purchase.getAmountCredits(), purchase.getOccurredAt(), accounts.startingCredits(), accounts.defaultPlan()));
            count(outcome == GrantOutcome.GRANTED, metrics.purchases, "purchase " + purchase.getPurchaseId());
        } else if (record.value() instanceof CreditsRefunded refund) {
            UserIds.requireValid(refund.getUserId());
            RefundOutcome outcome = commands.sendAndWait(new RecordRefund(refund.getUserId(), refund.getPurchaseId(),
                    refund.getRefundId(), refund.getEventId(), refund.getAmountCredits(), refund.getOccurredAt()));
            count(outcome == RefundOutcome.REFUNDED, metrics.refunds, "refund " + refund.getRefundId());
        } else {
            metrics.unreadable.increment();
            log.warn("skipped a record that is not a payment event at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
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
        ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> paymentListenerContainerFactory(
                KafkaProperties kafka, PaymentMetrics metrics) {
            return IntakeErrorHandling.containerFactory(kafka, Topics.PAYMENT_EVENTS, metrics.unreadable, metrics.rejected);
        }
    }
}
