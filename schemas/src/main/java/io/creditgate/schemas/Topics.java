package io.creditgate.schemas;

import java.util.List;

import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
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
     * Money that moved outside Creditgate: purchases and refunds, published by the payment service and
     * folded by the ledger (a purchase becomes a PAID grant; a refund takes back its unspent part).
     */
    public static final Topic PAYMENT_EVENTS = Topic.of("creditgate.payment-events",
            EventCodec.of(CreditsPurchased.class, CreditsRefunded.class));

    public static final List<Topic> ALL = List.of(USAGE_EVENTS, ACCOUNT_EVENTS, PAYMENT_EVENTS);

    /** Partitions of each topic when Creditgate creates it; consumers of one group scale up to this. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }
}
