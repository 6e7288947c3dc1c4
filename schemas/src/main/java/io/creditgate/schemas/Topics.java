package io.creditgate.schemas;

import java.util.List;

import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.LedgerJournalEntry;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import io.creditgate.schemas.event.PurchaseDisputeClosed;
import io.creditgate.schemas.event.PurchaseDisputed;
import io.creditgate.schemas.event.SpendWindowUpdated;
import io.creditgate.schemas.event.SubscriptionEnded;
import io.creditgate.schemas.event.SubscriptionRenewed;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * The typed registry of every Creditgate topic. Topics keep their events forever
 * ({@code retention.ms=-1}): together they are the log that finance replays.
 */
public final class Topics {

    /** {@code UsageRecorded}, one per metered call, published by the gateway. */
    public static final Topic USAGE_EVENTS = Topic.of("creditgate.usage-events", EventCodec.of(UsageRecorded.class));

    /** The ledger's own events: accounts opened, grants, and the balance after every change. */
    public static final Topic ACCOUNT_EVENTS = Topic.of("creditgate.account-events",
            EventCodec.of(AccountOpened.class, CreditsGranted.class, AccountBalanceChanged.class));

    /**
     * The ledger's journal in full: every event of every account, with its hash-chain link, in journal order. The
     * account-events topic says what changed; this one holds every fact, so finance can replay every balance from it.
     */
    public static final Topic LEDGER_JOURNAL = Topic.of("creditgate.ledger-journal", EventCodec.of(LedgerJournalEntry.class));

    /**
     * Money that moved outside Creditgate, published by the payment service (through its outbox) and folded by the
     * ledger: a purchase becomes a PAID grant; a refund takes back its unspent part; a dispute holds the purchase's
     * unspent credits until it closes (won: released, lost: taken back); a paid subscription invoice renews its plan's
     * allowance, and an ended subscription moves the user back to the default plan.
     */
    public static final Topic PAYMENT_EVENTS = Topic.of("creditgate.payment-events",
            EventCodec.of(CreditsPurchased.class, CreditsRefunded.class, PurchaseDisputed.class, PurchaseDisputeClosed.class,
                    SubscriptionRenewed.class, SubscriptionEnded.class));

    /**
     * What a person must be told about a payment (a PIX payment that failed, a top-up that needs the card holder, a
     * dispute), published by the payment service and delivered by the alert service (email, webhook, dashboard).
     */
    public static final Topic PAYMENT_NOTICES = Topic.of("creditgate.payment-notices", EventCodec.of(PaymentNoticeRaised.class));

    /**
     * What the alert service decided a user must be told: thresholds crossed and resolved, unusual spend.
     * Written by its Kafka Streams topology (exactly once); read by its delivery and by dashboards.
     */
    public static final Topic ALERT_EVENTS = Topic.of("creditgate.alert-events",
            EventCodec.of(ThresholdCrossed.class, ThresholdResolved.class, UnusualSpend.class));

    /** Each user's spend per calendar hour and day (the alert service's zone), for dashboards. */
    public static final Topic SPEND_WINDOWS = Topic.of("creditgate.spend-windows", EventCodec.of(SpendWindowUpdated.class));

    /**
     * Records of the usage topic the ledger cannot fold (unreadable bytes, an invalid user id, a usage an account rule
     * refuses), each exactly as it arrived (key, value bytes, headers) plus the {@link DeadLetterHeaders}. Written by
     * the ledger before it commits the record's offset; read by the alert service (admin emails) and by the ledger's
     * {@code dead-letters} command, which re-ingests a record once fixed. The values are usage-topic bytes, so its codec
     * is the usage topic's, but a reader must expect bytes that do not decode.
     */
    public static final Topic USAGE_DEAD_LETTER = Topic.of("creditgate.usage-dead-letter", EventCodec.of(UsageRecorded.class));

    /**
     * Records of the payment topic the ledger cannot fold (unreadable bytes, an invalid user id, a refund of a purchase
     * the account does not have), as {@link #USAGE_DEAD_LETTER} holds usage: unchanged, plus the
     * {@link DeadLetterHeaders}.
     */
    public static final Topic PAYMENT_DEAD_LETTER = Topic.of("creditgate.payment-dead-letter", PAYMENT_EVENTS.codec());

    public static final List<Topic> ALL = List.of(USAGE_EVENTS, ACCOUNT_EVENTS, LEDGER_JOURNAL, PAYMENT_EVENTS, PAYMENT_NOTICES,
            ALERT_EVENTS, SPEND_WINDOWS, USAGE_DEAD_LETTER, PAYMENT_DEAD_LETTER);

    /** The dead-letter topic of an input topic of the ledger; null for a topic that has none. */
    public static Topic deadLetterOf(String topic) {
        if (USAGE_EVENTS.name().equals(topic)) {
            return USAGE_DEAD_LETTER;
        }
        return PAYMENT_EVENTS.name().equals(topic) ? PAYMENT_DEAD_LETTER : null;
    }

    /** The input topic a dead-letter topic holds records of; null for a topic that is no dead-letter topic. */
    public static Topic sourceOf(String deadLetterTopic) {
        if (USAGE_DEAD_LETTER.name().equals(deadLetterTopic)) {
            return USAGE_EVENTS;
        }
        return PAYMENT_DEAD_LETTER.name().equals(deadLetterTopic) ? PAYMENT_EVENTS : null;
    }

    /** Partitions of each topic when Creditgate creates it; consumers of one group scale up to this. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }
}
