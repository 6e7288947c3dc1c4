package io.creditgate.ledger.account;

import static io.creditgate.ledger.account.CommandRejectedException.require;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.creditgate.ledger.account.CommandRejectedException.Reason;
import io.creditgate.schemas.identity.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's credit account, event sourced; the aggregate id is the user id.
 *
 * <p>Deterministic: ids and timestamps arrive in the commands. Command handlers validate and decide;
 * only the event-sourcing handlers change state, through {@link AccountState} (the one fold, shared with
 * the audit replay), which asserts the account's invariants after each change.
 *
 * <p>Every command that carries a time first brings the account to that time: cycles that ended renew
 * ({@link AllowanceRenewed}, at their own end) and grants due expire ({@link GrantExpired}), so usage never burns
 * credits that had already expired, and lands in the right cycle, whether or not the schedulers ran.
 */
@Aggregate(snapshotTriggerDefinition = AccountSnapshots.TRIGGER, cache = AccountSnapshots.CACHE)
// The snapshot is this object as JSON, field by field. Change the revision with the fields of this class, AccountState
// or JournalChain: the snapshots of the old revision are then skipped and the account loads from its events.
@org.axonframework.serialization.Revision("2")
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        setterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
class CreditAccount {

    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_ID_LENGTH = 200;

    @AggregateIdentifier
    private String userId;
    // Not final: a snapshot (decision 31) sets the fields when the account loads from one.
    private AccountState state = new AccountState();
    /** The journal's hash chain: each new event carries the hash of the one before (decision 20). */
    private JournalChain chain = new JournalChain();

    /** For Axon, which rebuilds the account from its events. */
    CreditAccount() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ChargeOutcome handle(ChargeUsage command) {
        requireValidUserId(command.userId());
        require(hasText(command.eventId(), MAX_ID_LENGTH), "eventId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.costCredits() >= 0, "costCredits must not be negative, was " + command.costCredits());
        require(command.tokens() != null && command.tokens().valid(),
                "token counts must not be negative and cached/reasoning tokens must not exceed their totals");
        require(hasText(command.model(), MAX_ID_LENGTH), "model is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.occurredAt() != null, "occurredAt is required");
        require(command.openingCredits() >= 0, "openingCredits must not be negative");

        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.occurredAt());
        catchUp(command.occurredAt());
        AccountBalance after = exact(() -> state.balance().charged(command.costCredits()),
                "charging " + command.costCredits() + " credits would overflow the account");
        List<GrantBurn> burns = state.burnsFor(command.costCredits());
        record(new UsageCharged(command.userId(), command.eventId(), command.requestId(), command.model(),
                command.endpoint(), command.tokens(), command.costCredits(), command.usageSource(),
                command.occurredAt(), burns, after));
        return ChargeOutcome.CHARGED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    GrantOutcome handle(GrantCredits command) {
        requireValidUserId(command.userId());
        require(hasText(command.grantId(), MAX_ID_LENGTH), "grantId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() > 0, "amountCredits must be above zero, was " + command.amountCredits());
        require(hasText(command.reason(), MAX_TEXT_LENGTH),
                "reason is required (at most " + MAX_TEXT_LENGTH + " characters)");
        require(hasText(command.actor(), MAX_ID_LENGTH), "actor is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.grantedAt() != null, "grantedAt is required");
        require(command.category() != null, "category is required");
        require(command.expiresAt() == null || command.expiresAt().isAfter(command.grantedAt()),
                "expiresAt must be after the grant time");
        require(command.priority() >= 0 && command.priority() <= AccountState.MAX_PRIORITY,
                "priority must be between 0 and " + AccountState.MAX_PRIORITY);
        require(command.openingCredits() >= 0, "openingCredits must not be negative");

        if (alreadyGranted(command.grantId(), command.amountCredits())) {
            return GrantOutcome.ALREADY_GRANTED;
        }
        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.grantedAt());
        catchUp(command.grantedAt());
        AccountBalance after = exact(() -> state.balance().granted(command.amountCredits()),
                "granting " + command.amountCredits() + " credits would overflow the account");
        record(new CreditsGranted(command.userId(), command.grantId(), command.amountCredits(), command.reason(),
                command.actor(), command.grantedAt(), command.category(), command.expiresAt(), command.priority(),
                state.debtSettledBy(command.amountCredits()), after));
        return GrantOutcome.GRANTED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    GrantOutcome handle(RecordPurchase command) {
        requireValidUserId(command.userId());
        require(hasText(command.purchaseId(), MAX_ID_LENGTH), "purchaseId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() > 0, "amountCredits must be above zero, was " + command.amountCredits());
        require(command.purchasedAt() != null, "purchasedAt is required");
        require(command.openingCredits() >= 0, "openingCredits must not be negative");

        if (alreadyGranted(AccountState.purchaseGrantId(command.purchaseId()), command.amountCredits())) {
            return GrantOutcome.ALREADY_GRANTED;
        }
        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.purchasedAt());
        catchUp(command.purchasedAt());
        AccountBalance after = exact(() -> state.balance().granted(command.amountCredits()),
                "purchasing " + command.amountCredits() + " credits would overflow the account");
        require(command.method() == null || command.method().length() <= MAX_ID_LENGTH,
                "method is at most " + MAX_ID_LENGTH + " characters");
        require(command.reference() == null || command.reference().length() <= MAX_TEXT_LENGTH,
                "reference is at most " + MAX_TEXT_LENGTH + " characters");
        record(new PurchaseGranted(command.userId(), command.purchaseId(), command.paymentEventId(),
                command.amountCredits(), command.purchasedAt(), state.debtSettledBy(command.amountCredits()), after,
                command.method(), command.reference()));
        return GrantOutcome.GRANTED;
    }

    @CommandHandler
    RefundOutcome handle(RecordRefund command) {
        require(hasText(command.purchaseId(), MAX_ID_LENGTH), "purchaseId is required");
        require(hasText(command.refundId(), MAX_ID_LENGTH), "refundId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() > 0, "amountCredits must be above zero, was " + command.amountCredits());
        require(command.refundedAt() != null, "refundedAt is required");
        if (state.wasRefunded(command.refundId())) {
            return RefundOutcome.ALREADY_REFUNDED;
        }
        requireKnownPurchase(command.purchaseId());
        catchUp(command.refundedAt());
        long owed = Math.min(command.amountCredits(), state.refundableCredits(command.purchaseId()));
        AccountState.TakeBack takeBack = state.takeBackFor(command.purchaseId(), owed);
        AccountBalance after = exact(() -> state.balance().removed(owed), "refunding " + owed + " credits would overflow");
        record(new PurchaseRefunded(userId, command.purchaseId(), command.refundId(), command.paymentEventId(),
                command.amountCredits(), takeBack.fromPurchaseCredits(), command.refundedAt(), after, takeBack.burns(),
                takeBack.uncoveredCredits()));
        return RefundOutcome.REFUNDED;
    }

    @CommandHandler
    PaymentOutcome handle(RecordDispute command) {
        require(hasText(command.purchaseId(), MAX_ID_LENGTH), "purchaseId is required");
        require(hasText(command.disputeId(), MAX_ID_LENGTH), "disputeId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() > 0, "amountCredits must be above zero, was " + command.amountCredits());
        require(command.disputedAt() != null, "disputedAt is required");
        if (state.wasDisputed(command.disputeId())) {
            return PaymentOutcome.ALREADY_FOLDED;
        }
        requireKnownPurchase(command.purchaseId());
        catchUp(command.disputedAt());
        long disputed = Math.min(command.amountCredits(), state.refundableCredits(command.purchaseId()));
        long unspent = state.openGrant(AccountState.purchaseGrantId(command.purchaseId())).map(Grant::remainingCredits)
                .orElse(0L);
        long held = Math.min(disputed, unspent);
        record(new PurchaseDisputed(userId, command.purchaseId(), command.disputeId(), command.paymentEventId(),
                command.amountCredits(), disputed, held, command.disputedAt(), state.balance().removed(held)));
        return PaymentOutcome.FOLDED;
    }

    @CommandHandler
    PaymentOutcome handle(CloseDispute command) {
        require(hasText(command.purchaseId(), MAX_ID_LENGTH), "purchaseId is required");
        require(hasText(command.disputeId(), MAX_ID_LENGTH), "disputeId is required");
        require(command.outcome() != null, "outcome is required");
        require(command.closedAt() != null, "closedAt is required");
        if (state.wasDisputeClosed(command.disputeId())) {
            return PaymentOutcome.ALREADY_FOLDED;
        }
        AccountState.Hold hold = state.openDispute(command.disputeId());
        if (hold == null || !hold.purchaseId().equals(command.purchaseId())) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "dispute_not_found", "account " + userId
                    + " has no open dispute " + command.disputeId() + " of purchase " + command.purchaseId());
        }
        catchUp(command.closedAt());
        long takenHeld = 0;
        AccountState.TakeBack beyond = new AccountState.TakeBack(0, List.of(), 0);
        if (command.outcome() == DisputeOutcome.LOST) {
            long owed = Math.min(hold.disputedCredits(), state.refundableCredits(command.purchaseId()));
            takenHeld = Math.min(hold.heldCredits(), owed);
            beyond = state.takeBackFor(command.purchaseId(), owed - takenHeld);
        }
        long released = hold.heldCredits() - takenHeld;
        long taken = beyond.totalCredits();
        AccountBalance after = exact(() -> state.balance().granted(released).removed(taken),
                "closing the dispute would overflow the account");
        record(new PurchaseDisputeClosed(userId, command.purchaseId(), command.disputeId(), command.paymentEventId(),
                command.outcome(), hold.heldCredits(), takenHeld, released, state.debtSettledBy(released),
                beyond.fromPurchaseCredits(), beyond.burns(), beyond.uncoveredCredits(), command.closedAt(), after));
        return PaymentOutcome.FOLDED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PaymentOutcome handle(RenewSubscription command) {
        requireValidUserId(command.userId());
        require(hasText(command.subscriptionId(), MAX_ID_LENGTH), "subscriptionId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(hasText(command.invoiceId(), MAX_ID_LENGTH), "invoiceId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.plan() != null && command.plan().problem() == null,
                command.plan() == null ? "plan is required" : command.plan().problem());
        require(command.plan().renewedByPayment(), "plan " + command.plan().planId() + " is not renewed by payment");
        require(command.periodStart() != null && command.periodEnd() != null
                && command.periodEnd().isAfter(command.periodStart()), "the period must end after it starts");
        require(command.renewedAt() != null, "renewedAt is required");
        require(command.openingCredits() >= 0, "openingCredits must not be negative");
        if (state.wasInvoiced(command.invoiceId())) {
            return PaymentOutcome.ALREADY_FOLDED;
        }
        if (state.subscriptionEnded(command.subscriptionId())) {
            return PaymentOutcome.IGNORED;
        }
        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.renewedAt());
        catchUp(command.renewedAt());
        Instant cycleStart = state.balance().cycleStartedAt();
        if (!command.periodEnd().isAfter(cycleStart)) {
            return PaymentOutcome.IGNORED;
        }
        if (!command.plan().equals(state.plan())) {
            record(new PlanAssigned(userId, command.plan(), "subscription", "stripe:" + command.subscriptionId(),
                    command.renewedAt(), state.balance().withPlan(command.plan().planId())));
        }
        Instant start = command.periodStart().isAfter(cycleStart) ? command.periodStart() : cycleStart;
        startCycle(start, command.periodEnd(), command.invoiceId(), command.subscriptionId());
        return PaymentOutcome.FOLDED;
    }

    @CommandHandler
    PaymentOutcome handle(EndSubscription command) {
        require(hasText(command.subscriptionId(), MAX_ID_LENGTH), "subscriptionId is required");
        require(hasText(command.planId(), MAX_ID_LENGTH), "planId is required");
        require(command.defaultPlan() != null && command.defaultPlan().problem() == null, "the default plan is required");
        require(command.endedAt() != null, "endedAt is required");
        if (state.subscriptionEnded(command.subscriptionId())) {
            return PaymentOutcome.ALREADY_FOLDED;
        }
        catchUp(command.endedAt());
        record(new SubscriptionEnded(userId, command.subscriptionId(), command.planId(), command.paymentEventId(),
                command.endedAt(), state.balance()));
        if (state.plan().planId().equals(command.planId()) && !state.plan().equals(command.defaultPlan())) {
            record(new PlanAssigned(userId, command.defaultPlan(), "subscription ended",
                    "stripe:" + command.subscriptionId(), command.endedAt(),
                    state.balance().withPlan(command.defaultPlan().planId())));
            startCycle(command.endedAt());
        }
        return PaymentOutcome.FOLDED;
    }

    private void requireKnownPurchase(String purchaseId) {
        if (state.grantedAmount(AccountState.purchaseGrantId(purchaseId)) == null) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "purchase_not_found",
                    "account " + userId + " has no purchase " + purchaseId);
        }
    }

    @CommandHandler
    RevokeOutcome handle(RevokeGrant command) {
        require(hasText(command.grantId(), MAX_ID_LENGTH), "grantId is required");
        require(hasText(command.reason(), MAX_TEXT_LENGTH), "reason is required (at most " + MAX_TEXT_LENGTH + " characters)");
        require(hasText(command.actor(), MAX_ID_LENGTH), "actor is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.revokedAt() != null, "revokedAt is required");
        if (state.grantedAmount(command.grantId()) == null) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "grant_not_found",
                    "account " + userId + " has no grant " + command.grantId());
        }
        if (state.wasRevoked(command.grantId())) {
            return RevokeOutcome.ALREADY_REVOKED;
        }
        catchUp(command.revokedAt());
        Grant grant = state.openGrant(command.grantId()).orElseThrow(() -> new CommandRejectedException(Reason.CONFLICT,
                "nothing_to_revoke", "grant " + command.grantId() + " has nothing left to revoke (spent, expired or refunded)"));
        record(new GrantRevoked(userId, grant.grantId(), grant.remainingCredits(), command.reason(), command.actor(),
                command.revokedAt(), state.balance().removed(grant.remainingCredits())));
        return RevokeOutcome.REVOKED;
    }

    @CommandHandler
    int handle(ExpireGrants command) {
        require(command.now() != null, "now is required");
        return catchUp(command.now()).expired();
    }

    @CommandHandler
    int handle(RenewCycles command) {
        require(command.now() != null, "now is required");
        return catchUp(command.now()).renewals();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AdminOutcome handle(AssignPlan command) {
        requireValidUserId(command.userId());
        require(command.plan() != null && command.plan().problem() == null,
                command.plan() == null ? "plan is required" : command.plan().problem());
        requireAdmin(command.reason(), command.actor(), command.assignedAt());
        require(command.openingCredits() >= 0, "openingCredits must not be negative");
        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.assignedAt());
        catchUp(command.assignedAt());
        if (command.plan().equals(state.plan())) {
            return AdminOutcome.UNCHANGED;
        }
        record(new PlanAssigned(userId, command.plan(), command.reason(), command.actor(), command.assignedAt(),
                state.balance().withPlan(command.plan().planId())));
        startCycle(command.assignedAt());
        return AdminOutcome.CHANGED;
    }

    @CommandHandler
    AdminOutcome handle(AdjustBalance command) {
        require(hasText(command.adjustmentId(), MAX_ID_LENGTH), "adjustmentId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() != 0, "amountCredits must not be zero");
        requireAdmin(command.reason(), command.actor(), command.adjustedAt());
        Long earlier = state.adjustment(command.adjustmentId());
        if (earlier != null) {
            if (earlier == command.amountCredits()) {
                return AdminOutcome.UNCHANGED;
            }
            throw new CommandRejectedException(Reason.CONFLICT, "adjustment_conflict", "adjustment "
                    + command.adjustmentId() + " was already made with " + earlier + " credits, not " + command.amountCredits());
        }
        catchUp(command.adjustedAt());
        long amount = command.amountCredits();
        if (amount > 0) {
            AccountBalance after = exact(() -> state.balance().granted(amount), "adjusting by " + amount
                    + " credits would overflow the account");
            record(new BalanceAdjusted(userId, command.adjustmentId(), amount, command.reason(), command.actor(),
                    command.adjustedAt(), List.of(), state.debtSettledBy(amount), after));
        } else {
            if (amount == Long.MIN_VALUE) {
                throw new CommandRejectedException(Reason.OVERFLOW, "amountCredits is out of range");
            }
            long taken = -amount;
            if (taken > state.balance().balanceCredits()) {
                throw new CommandRejectedException(Reason.CONFLICT, "adjustment_exceeds_balance", "cannot take " + taken
                        + " credits: the balance is " + state.balance().balanceCredits() + " and an adjustment never creates a debt");
            }
            record(new BalanceAdjusted(userId, command.adjustmentId(), amount, command.reason(), command.actor(),
                    command.adjustedAt(), state.burnsFor(taken), 0, state.balance().removed(taken)));
        }
        return AdminOutcome.CHANGED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AdminOutcome handle(BlockUser command) {
        requireValidUserId(command.userId());
        requireAdmin(command.reason(), command.actor(), command.blockedAt());
        require(command.openingCredits() >= 0, "openingCredits must not be negative");
        if (state.isOpen() && state.balance().blocked()) {
            return AdminOutcome.UNCHANGED;
        }
        openIfNew(command.userId(), command.openingCredits(), command.openingPlan(), command.blockedAt());
        catchUp(command.blockedAt());
        record(new UserBlocked(command.userId(), command.reason(), command.actor(), command.blockedAt(),
                state.balance().withBlocked(true)));
        return AdminOutcome.CHANGED;
    }

    @CommandHandler
    AdminOutcome handle(UnblockUser command) {
        requireAdmin(command.reason(), command.actor(), command.unblockedAt());
        if (!state.balance().blocked()) {
            return AdminOutcome.UNCHANGED;
        }
        catchUp(command.unblockedAt());
        record(new UserUnblocked(userId, command.reason(), command.actor(), command.unblockedAt(),
                state.balance().withBlocked(false)));
        return AdminOutcome.CHANGED;
    }

    @CommandHandler
    AdminOutcome handle(SetCycleCap command) {
        require(command.capCredits() == null || command.capCredits() >= 0, "capCredits must not be negative");
        requireAdmin(command.reason(), command.actor(), command.setAt());
        if (java.util.Objects.equals(state.balance().cycleCapCredits(), command.capCredits())) {
            return AdminOutcome.UNCHANGED;
        }
        catchUp(command.setAt());
        record(new CycleCapSet(userId, command.capCredits(), command.reason(), command.actor(), command.setAt(),
                state.balance().withCycleCap(command.capCredits())));
        return AdminOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(BalanceAdjusted event, EventMessage<BalanceAdjusted> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(UserBlocked event, EventMessage<UserBlocked> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(UserUnblocked event, EventMessage<UserUnblocked> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(CycleCapSet event, EventMessage<CycleCapSet> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(PlanAssigned event, EventMessage<PlanAssigned> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(AllowanceRenewed event, EventMessage<AllowanceRenewed> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(AccountOpened event, EventMessage<AccountOpened> message, StoredEventBytes stored) {
        userId = event.userId();
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(CreditsGranted event, EventMessage<CreditsGranted> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(PurchaseGranted event, EventMessage<PurchaseGranted> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(UsageCharged event, EventMessage<UsageCharged> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(GrantExpired event, EventMessage<GrantExpired> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(GrantRevoked event, EventMessage<GrantRevoked> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(PurchaseRefunded event, EventMessage<PurchaseRefunded> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(PurchaseDisputed event, EventMessage<PurchaseDisputed> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(PurchaseDisputeClosed event, EventMessage<PurchaseDisputeClosed> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    @EventSourcingHandler
    void on(SubscriptionEnded event, EventMessage<SubscriptionEnded> message, StoredEventBytes stored) {
        state.on(event);
        link(event, message, stored);
    }

    /**
     * Advances the chain over the event's stored bytes: hashing them here serialises a new event once, and the event
     * store's append reuses the same bytes ({@link StoredEventBytes}).
     */
    private void link(LedgerEvent event, EventMessage<?> message, StoredEventBytes stored) {
        chain.append(event.getClass().getSimpleName(), stored.of(message));
    }

    /** Applies a new event with the hash of the previous one in its metadata; the handlers then advance the chain. */
    private void record(LedgerEvent event) {
        AggregateLifecycle.apply(event, MetaData.with(JournalChain.PREVIOUS_HASH, chain.head()));
    }

    /** What {@link #catchUp} applied. */
    private record CaughtUp(int renewals, int expired) {
    }

    /**
     * Brings the account to {@code at}: in time order, every cycle that ended by then renews at its own end (grants
     * due by that end expire before it), then the grants due by {@code at} expire. Deterministic: the times come
     * from the account and the command, never from a clock, so a replay yields the same events.
     */
    private CaughtUp catchUp(Instant at) {
        int renewals = 0;
        int expired = 0;
        for (Instant end = state.renewalDueBy(at); end != null; end = state.renewalDueBy(at)) {
            expired += expireDue(end);
            startCycle(end);
            renewals++;
        }
        expired += expireDue(at);
        return new CaughtUp(renewals, expired);
    }

    /** Starts a cycle of the account's plan at {@code start}: the unspent allowance out (up to the rollover back), the new allowance in. */
    private void startCycle(Instant start) {
        startCycle(start, state.plan().cycleEnd(start), null, null);
    }

    /** Starts a cycle ending at {@code end}; {@code invoiceId} and {@code subscriptionId} when a paid invoice starts it. */
    private void startCycle(Instant start, Instant end, String invoiceId, String subscriptionId) {
        PlanTerms plan = state.plan();
        List<GrantBurn> forfeits = state.allowanceForfeits();
        long unspent = forfeits.stream().mapToLong(GrantBurn::credits).sum();
        long rolledOver = plan.rolledOver(unspent);
        long amount = Math.addExact(plan.allowanceCredits(), rolledOver);
        AccountBalance after = exact(() -> state.balance().renewed(unspent, amount, start, end),
                "renewing the allowance would overflow the account");
        record(new AllowanceRenewed(userId, plan.planId(), start, end, plan.allowanceCredits(), forfeits, rolledOver,
                amount > 0 ? state.allowanceGrantId(start) : null, amount > 0 ? state.debtSettledBy(amount) : 0, after,
                invoiceId, subscriptionId));
    }

    /** Expires every grant due at {@code at}, in burn order; returns how many. */
    private int expireDue(Instant at) {
        List<Grant> due = state.dueForExpiry(at);
        for (Grant grant : due) {
            record(new GrantExpired(userId, grant.grantId(), grant.remainingCredits(), grant.expiresAt(),
                    state.balance().removed(grant.remainingCredits())));
        }
        return due.size();
    }

    private static void requireAdmin(String reason, String actor, Instant at) {
        require(hasText(reason, MAX_TEXT_LENGTH), "reason is required (at most " + MAX_TEXT_LENGTH + " characters)");
        require(hasText(actor, MAX_ID_LENGTH), "actor is required (at most " + MAX_ID_LENGTH + " characters)");
        require(at != null, "the time of the command is required");
    }

    private boolean alreadyGranted(String grantId, long amountCredits) {
        Long earlier = state.grantedAmount(grantId);
        if (earlier == null) {
            return false;
        }
        if (earlier == amountCredits) {
            return true;
        }
        throw new CommandRejectedException(Reason.CONFLICT, "grant_conflict", "grant " + grantId
                + " was already made with " + earlier + " credits, not " + amountCredits);
    }

    private void openIfNew(String id, long openingCredits, PlanTerms openingPlan, Instant at) {
        if (state.isOpen()) {
            return;
        }
        PlanTerms plan = openingPlan == null ? PlanTerms.oneOff(PlanTerms.DEFAULT_PLAN_ID) : openingPlan;
        require(plan.problem() == null, "the default plan is invalid: " + plan.problem());
        record(new AccountOpened(id, openingCredits, at, plan));
        if (plan.startsCycleOnOpening()) {
            startCycle(at);
        }
    }

    private static AccountBalance exact(Supplier<AccountBalance> arithmetic, String message) {
        try {
            return arithmetic.get();
        } catch (ArithmeticException overflow) {
            throw new CommandRejectedException(Reason.OVERFLOW, message);
        }
    }

    private static boolean hasText(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength;
    }

    /**
     * The one user-id rule ({@link UserId}), as an account rule: an invalid id is refused with the rule's own code
     * ({@code user_invalid}, {@code user_too_long}, …), so a usage dead-lettered for it names the same code the gateway
     * answers with. Checked before Axon loads the account, whose identifier the id is.
     */
    static void requireValidUserId(String userId) {
        UserId.Problem problem = UserId.problemOf(userId);
        if (problem != null) {
            throw new CommandRejectedException(Reason.INVALID, problem.code(), problem.message());
        }
    }
}
