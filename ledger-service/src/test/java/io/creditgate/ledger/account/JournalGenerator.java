package io.creditgate.ledger.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Writes a realistic journal fast, for the replay's volume test: one account at a time, deciding each event the
 * way {@link CreditAccount} does (due grants expire first, burns and settled debt from {@link AccountState}'s own
 * decisions) and chaining it with {@link JournalChain}. The balance it expects is kept by plain addition, apart
 * from the fold, so a test can compare the two.
 */
public final class JournalGenerator {

    private final Random random;
    private final long startingCredits;

    public JournalGenerator(long seed, long startingCredits) {
        this.random = new Random(seed);
        this.startingCredits = startingCredits;
    }

    /** One account's journal and the balance it must end with. */
    public record Account(String userId, List<DomainEventMessage<?>> events, long expectedBalance, long expectedCycle,
            long expectedSpent, Instant openedAt, Instant lastAt, List<Grant> openGrants, String planId,
            Instant cycleStartedAt, Instant cycleEndsAt) {

        public long version() {
            return events.size() - 1;
        }
    }

    /** Plans the generated accounts are put on: renewals every day or week, reset or capped rollover. */
    static final List<PlanTerms> PLANS = List.of(
            new PlanTerms("daily", CyclePeriod.DAILY, 200_000, Rollover.RESET, 0, "Europe/Berlin"),
            new PlanTerms("weekly", CyclePeriod.WEEKLY, 1_000_000, Rollover.CAPPED, 300_000, "America/New_York"),
            new PlanTerms("monthly", CyclePeriod.MONTHLY, 3_000_000, Rollover.CAPPED, 500_000, "UTC"));

    /** A plan sold as a subscription: only a paid invoice starts its cycles (a day long here). */
    static final PlanTerms SUBSCRIPTION_PLAN = new PlanTerms("pro", CyclePeriod.MONTHLY, 2_000_000, Rollover.RESET, 0, "UTC",
            RenewedBy.PAYMENT);
    private static final Duration PAID_PERIOD = Duration.ofDays(1);

    /**
     * A journal of at least {@code minEvents} events: usage, grants (some expiring), purchases, refunds (taking spent
     * credits back from other grants and below zero), disputes held and closed (won, lost, other), expiries, and for
     * about half the accounts a plan with its renewals, subscriptions renewed by invoice and ended (those accounts'
     * events are hours apart, so they cross several cycle boundaries).
     */
    public Account account(String userId, int minEvents, Instant start) {
        Writer writer = new Writer(userId);
        Instant at = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        writer.emit(new AccountOpened(userId, startingCredits, at));
        Instant openedAt = at;
        long[] money = {startingCredits, startingCredits, 0}; // expected balance, cycle, spent
        int purchases = 0;
        int refunds = 0;
        int grants = 0;
        int usage = 0;
        Payments payments = new Payments();
        boolean onPlan = random.nextBoolean();
        // A quarter of the accounts spend faster than they receive: refunds and lost disputes then take them below zero.
        int maxCost = random.nextInt(4) == 0 ? 120_000 : 40_000;
        int maxStepMillis = onPlan ? 7_200_000 : 120_000;
        if (onPlan) {
            assign(writer, PLANS.get(random.nextInt(PLANS.size())), at, money);
        }
        while (writer.events.size() < minEvents) {
            at = at.plusMillis(1 + random.nextInt(maxStepMillis));
            // As CreditAccount.catchUp: each ended cycle renews at its end, grants due by then expire first.
            for (Instant end = writer.state.renewalDueBy(at); end != null; end = writer.state.renewalDueBy(at)) {
                expire(writer, end, money);
                startCycle(writer, end, money);
            }
            renewSubscription(writer, at, payments, money);
            expire(writer, at, money);
            long expected = money[0];
            long cycle = money[1];
            long spent = money[2];
            int kind = random.nextInt(100);
            if (onPlan && kind == 99) {
                assign(writer, PLANS.get(random.nextInt(PLANS.size())), at, money);
                continue;
            }
            if (onPlan && kind == 98) {
                subscribeOrEnd(writer, at, payments, money);
                continue;
            }
            if (kind == 97 && purchases > 0) {
                disputeOrClose(writer, "p" + random.nextInt(purchases), at, payments, money);
                continue;
            }
            if (kind < 75) {
                long cost = 1 + random.nextInt(maxCost);
                writer.emit(new UsageCharged(userId, userId + "-u" + usage, "req-" + usage, "gpt-4o-mini",
                        "chat.completions", new TokenCounts(100, 10, 50, 0), cost, "EXACT", at,
                        writer.state.burnsFor(cost), writer.state.balance().charged(cost)));
                usage++;
                expected -= cost;
                spent += cost;
            } else if (kind < 87) {
                long amount = 1 + random.nextInt(300_000);
                Instant expiresAt = random.nextBoolean() ? at.plus(Duration.ofMinutes(1 + random.nextInt(30))) : null;
                writer.emit(new CreditsGranted(userId, "g" + grants++, amount, "volume test", "test", at,
                        random.nextBoolean() ? GrantCategory.PROMOTIONAL : GrantCategory.PAID, expiresAt,
                        random.nextInt(AccountState.MAX_PRIORITY + 1), writer.state.debtSettledBy(amount),
                        writer.state.balance().granted(amount)));
                expected += amount;
                cycle += amount;
            } else if (kind < 95 || purchases == 0) {
                long amount = 10_000 + random.nextInt(500_000);
                writer.emit(new PurchaseGranted(userId, "p" + purchases++, "evt-p" + purchases, amount, at,
                        writer.state.debtSettledBy(amount), writer.state.balance().granted(amount)));
                expected += amount;
                cycle += amount;
            } else {
                String purchaseId = "p" + random.nextInt(purchases);
                // Half of the refunds are whole (what the purchase still owes), half partial.
                long requested = random.nextBoolean() ? Math.max(1, writer.state.refundableCredits(purchaseId))
                        : 1 + random.nextInt(200_000);
                long owed = Math.min(requested, writer.state.refundableCredits(purchaseId));
                AccountState.TakeBack takeBack = writer.state.takeBackFor(purchaseId, owed);
                writer.emit(new PurchaseRefunded(userId, purchaseId, "r" + refunds++, "evt-r" + refunds, requested,
                        takeBack.fromPurchaseCredits(), at, writer.state.balance().removed(owed), takeBack.burns(),
                        takeBack.uncoveredCredits()));
                expected -= owed;
                cycle -= owed;
            }
            money[0] = expected;
            money[1] = cycle;
            money[2] = spent;
        }
        AccountBalance last = writer.state.balance();
        return new Account(userId, writer.events, money[0], money[1], money[2], openedAt, at,
                writer.state.openGrantsInBurnOrder(), last.planId(), last.cycleStartedAt(), last.cycleEndsAt());
    }

    /** Disputes and subscriptions of one account. */
    private static final class Payments {
        final List<String> openDisputes = new ArrayList<>();
        int disputes;
        int subscriptions;
        int invoices;
        String subscriptionId;
    }

    /** Opens a dispute of the purchase, or closes the oldest open one (won, lost or other), as CreditAccount decides. */
    private void disputeOrClose(Writer writer, String purchaseId, Instant at, Payments payments, long[] money) {
        AccountState state = writer.state;
        if (payments.openDisputes.isEmpty() || random.nextBoolean()) {
            String disputeId = "d" + payments.disputes++;
            long requested = 1 + random.nextInt(300_000);
            long disputed = Math.min(requested, state.refundableCredits(purchaseId));
            long held = Math.min(disputed, state.openGrant(AccountState.purchaseGrantId(purchaseId))
                    .map(Grant::remainingCredits).orElse(0L));
            writer.emit(new PurchaseDisputed(writer.userId, purchaseId, disputeId, "evt-" + disputeId, requested, disputed,
                    held, at, state.balance().removed(held)));
            payments.openDisputes.add(disputeId);
            money[0] -= held;
            money[1] -= held;
            return;
        }
        String disputeId = payments.openDisputes.remove(0);
        AccountState.Hold hold = state.openDispute(disputeId);
        DisputeOutcome outcome = DisputeOutcome.values()[random.nextInt(DisputeOutcome.values().length)];
        long takenHeld = 0;
        AccountState.TakeBack beyond = new AccountState.TakeBack(0, List.of(), 0);
        if (outcome == DisputeOutcome.LOST) {
            long owed = Math.min(hold.disputedCredits(), state.refundableCredits(hold.purchaseId()));
            takenHeld = Math.min(hold.heldCredits(), owed);
            beyond = state.takeBackFor(hold.purchaseId(), owed - takenHeld);
        }
        long released = hold.heldCredits() - takenHeld;
        long taken = beyond.totalCredits();
        writer.emit(new PurchaseDisputeClosed(writer.userId, hold.purchaseId(), disputeId, "evt-close-" + disputeId, outcome,
                hold.heldCredits(), takenHeld, released, state.debtSettledBy(released), beyond.fromPurchaseCredits(),
                beyond.burns(), beyond.uncoveredCredits(), at, state.balance().granted(released).removed(taken)));
        money[0] += released - taken;
        money[1] += released - taken;
    }

    /** Subscribes the account to the subscription plan (its first paid cycle), or ends the subscription it has. */
    private static void subscribeOrEnd(Writer writer, Instant at, Payments payments, long[] money) {
        if (payments.subscriptionId == null) {
            payments.subscriptionId = "s" + payments.subscriptions++;
            if (!SUBSCRIPTION_PLAN.equals(writer.state.plan())) {
                writer.emit(new PlanAssigned(writer.userId, SUBSCRIPTION_PLAN, "subscription", "stripe:" + payments.subscriptionId,
                        at, writer.state.balance().withPlan(SUBSCRIPTION_PLAN.planId())));
            }
            startCycle(writer, at, at.plus(PAID_PERIOD), "i" + payments.invoices++, payments.subscriptionId, money);
            return;
        }
        String ended = payments.subscriptionId;
        payments.subscriptionId = null;
        writer.emit(new SubscriptionEnded(writer.userId, ended, SUBSCRIPTION_PLAN.planId(), "evt-end-" + ended, at,
                writer.state.balance()));
        if (SUBSCRIPTION_PLAN.equals(writer.state.plan())) {
            PlanTerms back = PLANS.get(0);
            writer.emit(new PlanAssigned(writer.userId, back, "subscription ended", "stripe:" + ended, at,
                    writer.state.balance().withPlan(back.planId())));
            startCycle(writer, at, money);
        }
    }

    /** The next invoice of a subscribed account whose paid period ended: a cycle from that end (the clock never renews). */
    private static void renewSubscription(Writer writer, Instant at, Payments payments, long[] money) {
        AccountBalance balance = writer.state.balance();
        while (payments.subscriptionId != null && writer.state.plan().renewedByPayment() && balance.cycleEndsAt() != null
                && !balance.cycleEndsAt().isAfter(at)) {
            Instant start = balance.cycleEndsAt();
            startCycle(writer, start, start.plus(PAID_PERIOD), "i" + payments.invoices++, payments.subscriptionId, money);
            balance = writer.state.balance();
        }
    }

    private static void expire(Writer writer, Instant at, long[] money) {
        for (Grant grant : writer.state.dueForExpiry(at)) {
            writer.emit(new GrantExpired(writer.userId, grant.grantId(), grant.remainingCredits(), grant.expiresAt(),
                    writer.state.balance().removed(grant.remainingCredits())));
            money[0] -= grant.remainingCredits();
            money[1] -= grant.remainingCredits();
        }
    }

    private static void assign(Writer writer, PlanTerms plan, Instant at, long[] money) {
        if (plan.equals(writer.state.plan())) {
            return;
        }
        writer.emit(new PlanAssigned(writer.userId, plan, "volume test", "test", at,
                writer.state.balance().withPlan(plan.planId())));
        startCycle(writer, at, money);
    }

    /** As CreditAccount.startCycle; the expected money by plain arithmetic: the cycle restarts from the balance. */
    private static void startCycle(Writer writer, Instant start, long[] money) {
        startCycle(writer, start, writer.state.plan().cycleEnd(start), null, null, money);
    }

    private static void startCycle(Writer writer, Instant start, Instant end, String invoiceId, String subscriptionId,
            long[] money) {
        PlanTerms plan = writer.state.plan();
        List<GrantBurn> forfeits = writer.state.allowanceForfeits();
        long unspent = forfeits.stream().mapToLong(GrantBurn::credits).sum();
        long rolledOver = plan.rolledOver(unspent);
        long amount = plan.allowanceCredits() + rolledOver;
        writer.emit(new AllowanceRenewed(writer.userId, plan.planId(), start, end, plan.allowanceCredits(), forfeits,
                rolledOver, amount > 0 ? writer.state.allowanceGrantId(start) : null,
                amount > 0 ? writer.state.debtSettledBy(amount) : 0,
                writer.state.balance().renewed(unspent, amount, start, end), invoiceId, subscriptionId));
        money[0] = money[0] - unspent + amount;
        money[1] = money[0];
        money[2] = 0;
    }

    private static final class Writer {

        final String userId;
        final AccountState state = new AccountState();
        final JournalChain chain = new JournalChain();
        final List<DomainEventMessage<?>> events = new ArrayList<>();

        Writer(String userId) {
            this.userId = userId;
        }

        void emit(LedgerEvent event) {
            events.add(new GenericDomainEventMessage<>("CreditAccount", userId, chain.nextSequence(), event,
                    MetaData.with(JournalChain.PREVIOUS_HASH, chain.head())));
            state.apply(event);
            chain.append(event);
        }
    }
}
