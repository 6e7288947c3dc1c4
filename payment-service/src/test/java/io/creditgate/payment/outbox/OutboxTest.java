package io.creditgate.payment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.creditgate.payment.ManualModeTestBase;
import io.creditgate.payment.PaymentEventsProbe;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox joins the caller's transaction, and the relay publishes what committed, in order, once. */
class OutboxTest extends ManualModeTestBase {

    static final PaymentEventsProbe EVENTS = PaymentEventsProbe.of(LocalKafka.shared().bootstrapServers());

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(Topics.PAYMENT_EVENTS, "someone", purchase("someone", "p-1", 1)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void publishesWhatCommittedInOrderAndNothingOfWhatRolledBack() {
        String user = newUserId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            outbox.append(Topics.PAYMENT_EVENTS, user, purchase(user, "p-1", 1_000));
            outbox.append(Topics.PAYMENT_EVENTS, user, refund(user, "p-1", "r-1", 400));
        });
        transaction.executeWithoutResult(status -> {
            outbox.append(Topics.PAYMENT_EVENTS, user, purchase(user, "p-rolled-back", 7));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> outbox.append(Topics.PAYMENT_EVENTS, user, purchase(user, "p-2", 2_000)));

        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user).size() >= 3);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where record_key = ? and published_at is null", Long.class, user) == 0);
        List<String> ids = EVENTS.paymentEvents(user).stream().map(event -> event instanceof CreditsPurchased p
                ? p.getPurchaseId() : ((CreditsRefunded) event).getRefundId()).toList();
        assertThat(ids).containsExactly("p-1", "r-1", "p-2");
        assertThat(jdbc.queryForObject("select count(*) from outbox where record_key = ?", Long.class, user)).isEqualTo(3);
        assertThat(meters.find("creditgate.payments.outbox.pending").gauge()).isNotNull();
        assertThat(counter("creditgate.payments.outbox.published")).isGreaterThanOrEqualTo(3);
    }

    /** Another instance holding the relay lock: this one publishes nothing until it lets go, then everything. */
    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        String user = newUserId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        try (java.sql.Connection otherInstance = jdbc.getDataSource().getConnection()) {
            try (var lock = otherInstance.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            transaction.executeWithoutResult(s -> outbox.append(Topics.PAYMENT_EVENTS, user, purchase(user, "locked", 1)));
            assertThat(relay.publishBatch().published()).isZero();
            Thread.sleep(1_000);
            assertThat(jdbc.queryForObject("select count(*) from outbox where record_key = ? and published_at is null",
                    Long.class, user)).isEqualTo(1);
            assertThat(EVENTS.paymentEvents(user)).isEmpty();
            try (var unlock = otherInstance.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, OutboxRelay.RELAY_LOCK);
                unlock.execute();
            }
        }
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user).size() == 1);
    }

    static CreditsPurchased purchase(String user, String purchaseId, long credits) {
        return CreditsPurchased.newBuilder().setEventId("evt-" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user).setPurchaseId(purchaseId)
                .setAmountCredits(credits).setPaidAmountMinor(1).setCurrency("usd").setMethod("manual")
                .setReference("ref-" + purchaseId).build();
    }

    static CreditsRefunded refund(String user, String purchaseId, String refundId, long credits) {
        return CreditsRefunded.newBuilder().setEventId("evt-" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user).setPurchaseId(purchaseId)
                .setRefundId(refundId).setAmountCredits(credits).setRefundedAmountMinor(1).setCurrency("usd").build();
    }
}
