package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fold of one account's journal: the single implementation of what each {@link LedgerEvent} does to an
 * account. The aggregate ({@link CreditAccount}) delegates its event-sourcing handlers here, and the audit
 * replay folds the Kafka log with this same class, so the two can never disagree by construction.
 *
 * <p>Model: the balance is the sum of what the open grants still hold minus an overshoot
 * ({@code overdraftCredits}) that usage ran past every grant; a later grant pays the overshoot back first.
 * Every {@code on} method checks the event's own record of the outcome (burns, settled debt, taken amounts,
 * {@code after}) against the fold and throws {@link IllegalStateException} on any difference, so a corrupt
 * or tampered journal fails loudly instead of producing a wrong balance.
 */
// Snapshots (decision 31) store the fold's fields as they are; the reads are not properties.
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        setterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class AccountState {

    public static final String OPENING_GRANT_ID = "opening";
    public static final String PURCHASE_GRANT_PREFIX = "purchase:";
    public static final String ADJUSTMENT_GRANT_PREFIX = "adjustment:";
    public static final String ALLOWANCE_GRANT_PREFIX = "allowance:";
    /** Allowance grants never expire by date (a renewal takes them out) and burn first among never-expiring ones. */
    public static final int ALLOWANCE_PRIORITY = 0;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int MAX_PRIORITY = 1000;

    // No field is final: a snapshot (decision 31) sets them when an account loads from one.
    private String userId;
    private PlanTerms plan;
    private AccountBalance balance;
    private long overdraftCredits;
    /** What the open grants hold together, kept as grants come and go (the sum over every grant per event was O(n)). */
    private long heldCredits;
    private long grantCount;
    /** Amount of every grant ever made, by id: idempotency of grants and purchases, and refunds' lookup. */
    private Map<String, Long> grantedAmounts = new HashMap<>();
    /** Grants that still hold credits; a grant leaves when spent, expired, revoked or refunded to zero. */
    private Map<String, Grant> openGrants = new LinkedHashMap<>();
    private Set<String> revokedGrantIds = new HashSet<>();
    private Set<String> refundIds = new HashSet<>();
    /** Signed amount of every adjustment, by id: idempotency of admin corrections. */
    private Map<String, Long> adjustments = new HashMap<>();
    /** Credits taken back from each purchase by refunds and lost disputes: a purchase never gives back more than it gave. */
    private Map<String, Long> purchaseTakenCredits = new HashMap<>();
    /** Open disputes by disputeId, with what they hold. */
    private Map<String, Hold> openDisputes = new HashMap<>();
    private Set<String> closedDisputeIds = new HashSet<>();
    /** Invoices that started a cycle (idempotency of subscription renewals). */
    private Set<String> invoiceIds = new HashSet<>();
    private Set<String> endedSubscriptionIds = new HashSet<>();
    /**
     * The open grants' ids in burn order, kept between events (null = to sort again). The order depends on a grant's
     * expiry, priority, category and age, never on what it holds, so only a grant arriving or running empty changes it.
     * Not part of a snapshot: it is rebuilt from {@code openGrants}.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient List<String> burnOrder;

    /**
     * What an open dispute holds: {@code heldCredits} taken out of the purchase's grant ({@code grant}, as it was when
     * the hold began, so a release re-opens it in the same place of the burn order).
     *
     * @param disputedCredits the most a lost dispute takes
     */
    record Hold(String purchaseId, long disputedCredits, long heldCredits, Grant grant) {
    }

    /**
     * What taking back a purchase's credits takes: the purchase's unspent part, then the account's other grants in burn
     * order, then below zero.
     */
    record TakeBack(long fromPurchaseCredits, List<GrantBurn> burns, long uncoveredCredits) {

        long totalCredits() {
            return fromPurchaseCredits + GrantBurn.total(burns) + uncoveredCredits;
        }
    }

    public static String purchaseGrantId(String purchaseId) {
        return PURCHASE_GRANT_PREFIX + purchaseId;
    }

    public static String adjustmentGrantId(String adjustmentId) {
        return ADJUSTMENT_GRANT_PREFIX + adjustmentId;
    }

    // --- reads ---

    public boolean isOpen() {
        return userId != null;
    }

    public String userId() {
        return userId;
    }

    /** The account's money; null before it opened. */
    public AccountBalance balance() {
        return balance;
    }

    /** The terms of the account's plan; null before it opened. */
    public PlanTerms plan() {
        return plan;
    }

    /** Usage that ran past every grant and that the next grant pays back first. */
    public long overdraftCredits() {
        return overdraftCredits;
    }

    /** The grants that still hold credits, in burn order. */
    public List<Grant> openGrantsInBurnOrder() {
        List<String> ids = burnOrder();
        List<Grant> grants = new ArrayList<>(ids.size());
        for (String id : ids) {
            grants.add(openGrants.get(id));
        }
        return grants;
    }

    private List<String> burnOrder() {
        if (burnOrder == null) {
            List<Grant> grants = new ArrayList<>(openGrants.values());
            grants.sort(Grant.BURN_ORDER);
            List<String> ids = new ArrayList<>(grants.size());
            for (Grant grant : grants) {
                ids.add(grant.grantId());
            }
            burnOrder = ids;
        }
        return burnOrder;
    }

    Long grantedAmount(String grantId) {
        return grantedAmounts.get(grantId);
    }

    Optional<Grant> openGrant(String grantId) {
        return Optional.ofNullable(openGrants.get(grantId));
    }

    boolean wasRevoked(String grantId) {
        return revokedGrantIds.contains(grantId);
    }

    boolean wasRefunded(String refundId) {
        return refundIds.contains(refundId);
    }

    Long adjustment(String adjustmentId) {
        return adjustments.get(adjustmentId);
    }

    /**
     * What the purchase still owes: its amount less what refunds, lost disputes and a revocation of its grant took back;
     * null when unknown.
     */
    Long refundableCredits(String purchaseId) {
        Long amount = grantedAmounts.get(purchaseGrantId(purchaseId));
        return amount == null ? null : amount - purchaseTakenCredits.getOrDefault(purchaseId, 0L);
    }

    /** The open dispute of that id; null when none is open. */
    Hold openDispute(String disputeId) {
        return openDisputes.get(disputeId);
    }

    boolean wasDisputed(String disputeId) {
        return openDisputes.containsKey(disputeId) || closedDisputeIds.contains(disputeId);
    }

    boolean wasDisputeClosed(String disputeId) {
        return closedDisputeIds.contains(disputeId);
    }

    /** Credits every open dispute holds together (outside the balance). */
    public long heldCredits() {
        long held = 0;
        for (Hold hold : openDisputes.values()) {
            held += hold.heldCredits();
        }
        return held;
    }

    boolean wasInvoiced(String invoiceId) {
        return invoiceIds.contains(invoiceId);
    }

    boolean subscriptionEnded(String subscriptionId) {
        return endedSubscriptionIds.contains(subscriptionId);
    }

    // --- decisions (the command side asks, then applies the events these describe) ---

    /** What a usage of {@code costCredits} takes from each grant, in burn order; the rest is overshoot. */
    List<GrantBurn> burnsFor(long costCredits) {
        List<GrantBurn> burns = new ArrayList<>();
        long left = costCredits;
        for (String id : burnOrder()) {
            if (left == 0) {
                break;
            }
            Grant grant = openGrants.get(id);
            long take = Math.min(left, grant.remainingCredits());
            burns.add(new GrantBurn(grant.grantId(), take));
            left -= take;
        }
        return burns;
    }

    /**
     * Taking back {@code credits} for a purchase's money: first its unspent part, then the other open grants in burn
     * order, and what is still uncovered goes below zero.
     */
    TakeBack takeBackFor(String purchaseId, long credits) {
        String purchaseGrant = purchaseGrantId(purchaseId);
        Grant purchase = openGrants.get(purchaseGrant);
        long fromPurchase = Math.min(credits, purchase == null ? 0 : purchase.remainingCredits());
        List<GrantBurn> burns = new ArrayList<>();
        long left = credits - fromPurchase;
        for (String id : burnOrder()) {
            if (left == 0) {
                break;
            }
            if (!id.equals(purchaseGrant)) {
                long take = Math.min(left, openGrants.get(id).remainingCredits());
                burns.add(new GrantBurn(id, take));
                left -= take;
            }
        }
        return new TakeBack(fromPurchase, burns, left);
    }

    /** The part of a new grant that pays back the overshoot. */
    long debtSettledBy(long amountCredits) {
        return Math.min(amountCredits, overdraftCredits);
    }

    /** The end of the current cycle when it is at or before {@code at} (a renewal is due), else null. */
    Instant renewalDueBy(Instant at) {
        Instant end = balance.cycleEndsAt();
        // Only a paid invoice renews a plan renewed by payment; the clock never does.
        return end != null && !end.isAfter(at) && !plan.renewedByPayment() ? end : null;
    }

    /** What a new cycle takes out: every open allowance grant, whole, in burn order. */
    List<GrantBurn> allowanceForfeits() {
        List<GrantBurn> forfeits = new ArrayList<>();
        for (String id : burnOrder()) {
            Grant grant = openGrants.get(id);
            if (grant.grantId().startsWith(ALLOWANCE_GRANT_PREFIX)) {
                forfeits.add(new GrantBurn(grant.grantId(), grant.remainingCredits()));
            }
        }
        return forfeits;
    }

    /** A grant id for the allowance of a cycle starting at {@code start}, unique in the account. */
    String allowanceGrantId(Instant start) {
        String id = ALLOWANCE_GRANT_PREFIX + start.toEpochMilli();
        return grantedAmounts.containsKey(id) ? id + "-" + grantCount : id;
    }

    /** Open grants whose expiry is at or before {@code at}, in burn order. */
    List<Grant> dueForExpiry(Instant at) {
        List<Grant> due = new ArrayList<>();
        for (String id : burnOrder()) {
            Grant grant = openGrants.get(id);
            if (!grant.dueAt(at)) {
                break; // burn order puts the earliest expiry first and never-expiring grants last
            }
            due.add(grant);
        }
        return due;
    }

    // --- the fold ---

    /** Applies any journal event; the replay's entry point. */
    public void apply(LedgerEvent event) {
        if (event instanceof AccountOpened e) {
            on(e);
        } else if (event instanceof CreditsGranted e) {
            on(e);
        } else if (event instanceof PurchaseGranted e) {
            on(e);
        } else if (event instanceof UsageCharged e) {
            on(e);
        } else if (event instanceof GrantExpired e) {
            on(e);
        } else if (event instanceof GrantRevoked e) {
            on(e);
        } else if (event instanceof PurchaseRefunded e) {
            on(e);
        } else if (event instanceof BalanceAdjusted e) {
            on(e);
        } else if (event instanceof UserBlocked e) {
            on(e);
        } else if (event instanceof UserUnblocked e) {
            on(e);
        } else if (event instanceof CycleCapSet e) {
            on(e);
        } else if (event instanceof PlanAssigned e) {
            on(e);
        } else if (event instanceof AllowanceRenewed e) {
            on(e);
        } else if (event instanceof PurchaseDisputed e) {
            on(e);
        } else if (event instanceof PurchaseDisputeClosed e) {
            on(e);
        } else if (event instanceof SubscriptionEnded e) {
            on(e);
        } else {
            throw new IllegalStateException("no fold for " + event.getClass().getName());
        }
    }

    void on(AccountOpened event) {
        require(!isOpen(), () -> "account " + event.userId() + " opened twice");
        require(event.plan().problem() == null, () -> "account " + event.userId() + " opened on invalid plan terms: "
                + event.plan().problem());
        userId = event.userId();
        plan = event.plan();
        balance = event.after();
        addGrant(OPENING_GRANT_ID, GrantCategory.PROMOTIONAL, event.startingCredits(), 0, DEFAULT_PRIORITY, null,
                event.openedAt());
        check(event);
    }

    void on(CreditsGranted event) {
        requireOpen(event);
        settleDebt(event.amountCredits(), event.debtSettledCredits());
        addGrant(event.grantId(), event.category(), event.amountCredits(), event.debtSettledCredits(), event.priority(),
                event.expiresAt(), event.grantedAt());
        balance = balance.granted(event.amountCredits());
        check(event);
    }

    void on(PurchaseGranted event) {
        requireOpen(event);
        settleDebt(event.amountCredits(), event.debtSettledCredits());
        addGrant(event.grantId(), GrantCategory.PAID, event.amountCredits(), event.debtSettledCredits(), DEFAULT_PRIORITY,
                null, event.purchasedAt());
        balance = balance.granted(event.amountCredits());
        check(event);
    }

    void on(UsageCharged event) {
        requireOpen(event);
        List<GrantBurn> burns = burnsFor(event.costCredits());
        require(burns.equals(event.burns()), () -> "usage " + event.eventId() + " records burns " + event.burns()
                + " but the fold burns " + burns);
        long burnt = 0;
        for (GrantBurn burn : burns) {
            take(burn.grantId(), burn.credits());
            burnt += burn.credits();
        }
        overdraftCredits = Math.addExact(overdraftCredits, event.costCredits() - burnt);
        balance = balance.charged(event.costCredits());
        check(event);
    }

    void on(GrantExpired event) {
        requireOpen(event);
        Grant grant = openGrants.get(event.grantId());
        require(grant != null && grant.dueAt(event.expiredAt()) && grant.remainingCredits() == event.expiredCredits(),
                () -> "expiry of " + event.grantId() + " does not match the open grant " + grant);
        take(grant.grantId(), event.expiredCredits());
        balance = balance.removed(event.expiredCredits());
        check(event);
    }

    void on(GrantRevoked event) {
        requireOpen(event);
        Grant grant = openGrants.get(event.grantId());
        require(grant != null && grant.remainingCredits() == event.revokedCredits(),
                () -> "revocation of " + event.grantId() + " does not match the open grant " + grant);
        take(grant.grantId(), event.revokedCredits());
        revokedGrantIds.add(event.grantId());
        if (event.grantId().startsWith(PURCHASE_GRANT_PREFIX)) {
            // An admin took the purchase's credits back without its money: a later refund or lost dispute of that money
            // must not take the same credits again from the account's other grants.
            purchaseTakenCredits.merge(event.grantId().substring(PURCHASE_GRANT_PREFIX.length()), event.revokedCredits(), Long::sum);
        }
        balance = balance.removed(event.revokedCredits());
        check(event);
    }

    void on(PurchaseRefunded event) {
        requireOpen(event);
        String grantId = purchaseGrantId(event.purchaseId());
        require(grantedAmounts.containsKey(grantId), () -> "refund " + event.refundId() + " of unknown purchase " + event.purchaseId());
        require(!refundIds.contains(event.refundId()), () -> "refund " + event.refundId() + " applied twice");
        if (event.takesOnlyUnspent()) {
            foldRefundOfUnspentOnly(event, grantId);
        } else {
            long owed = Math.min(event.requestedCredits(), refundableCredits(event.purchaseId()));
            TakeBack expected = takeBackFor(event.purchaseId(), owed);
            TakeBack recorded = new TakeBack(event.refundedCredits(), event.burns(), event.uncoveredCredits());
            require(expected.equals(recorded), () -> "refund " + event.refundId() + " records " + recorded
                    + " but the fold takes " + expected + " of " + owed + " owed");
            takeBack(event.purchaseId(), recorded);
            balance = balance.removed(owed);
        }
        refundIds.add(event.refundId());
        check(event);
    }

    /** Refunds written before decision "refunds of spent credits": at most the purchase's unspent part. */
    private void foldRefundOfUnspentOnly(PurchaseRefunded event, String grantId) {
        Grant grant = openGrants.get(grantId);
        long unspent = grant == null ? 0 : grant.remainingCredits();
        require(event.refundedCredits() == Math.min(event.requestedCredits(), unspent) && event.uncoveredCredits() == 0,
                () -> "refund " + event.refundId() + " took " + event.refundedCredits() + " but the purchase had " + unspent
                        + " unspent of " + event.requestedCredits() + " requested");
        if (event.refundedCredits() > 0) {
            take(grantId, event.refundedCredits());
        }
        // The money of the whole request went back to the payer: the purchase owes that much less.
        long refundable = refundableCredits(event.purchaseId());
        purchaseTakenCredits.merge(event.purchaseId(), Math.min(event.requestedCredits(), refundable), Long::sum);
        balance = balance.removed(event.refundedCredits());
    }

    /** Applies a take-back: grants lose credits, the uncovered part goes below zero, the purchase owes that much less. */
    private void takeBack(String purchaseId, TakeBack takeBack) {
        if (takeBack.fromPurchaseCredits() > 0) {
            take(purchaseGrantId(purchaseId), takeBack.fromPurchaseCredits());
        }
        for (GrantBurn burn : takeBack.burns()) {
            take(burn.grantId(), burn.credits());
        }
        overdraftCredits = Math.addExact(overdraftCredits, takeBack.uncoveredCredits());
        purchaseTakenCredits.merge(purchaseId, takeBack.totalCredits(), Long::sum);
    }

    void on(PurchaseDisputed event) {
        requireOpen(event);
        require(grantedAmounts.containsKey(purchaseGrantId(event.purchaseId())),
                () -> "dispute " + event.disputeId() + " of unknown purchase " + event.purchaseId());
        require(!wasDisputed(event.disputeId()), () -> "dispute " + event.disputeId() + " opened twice");
        long disputed = Math.min(event.requestedCredits(), refundableCredits(event.purchaseId()));
        Grant grant = openGrants.get(purchaseGrantId(event.purchaseId()));
        long held = Math.min(disputed, grant == null ? 0 : grant.remainingCredits());
        require(event.disputedCredits() == disputed && event.heldCredits() == held, () -> "dispute " + event.disputeId()
                + " records " + event.disputedCredits() + " disputed and " + event.heldCredits() + " held, the fold "
                + disputed + " and " + held);
        if (held > 0) {
            take(grant.grantId(), held);
        }
        openDisputes.put(event.disputeId(), new Hold(event.purchaseId(), disputed, held, grant));
        balance = balance.removed(held);
        check(event);
    }

    void on(PurchaseDisputeClosed event) {
        requireOpen(event);
        Hold hold = openDisputes.get(event.disputeId());
        require(hold != null && hold.purchaseId().equals(event.purchaseId()) && hold.heldCredits() == event.heldCredits(),
                () -> "closing dispute " + event.disputeId() + " that is not open on purchase " + event.purchaseId()
                        + " with " + event.heldCredits() + " held: " + hold);
        long takenHeld = 0;
        TakeBack beyond = new TakeBack(0, List.of(), 0);
        if (event.outcome() == DisputeOutcome.LOST) {
            long owed = Math.min(hold.disputedCredits(), refundableCredits(event.purchaseId()));
            takenHeld = Math.min(hold.heldCredits(), owed);
            beyond = takeBackFor(event.purchaseId(), owed - takenHeld);
        }
        long released = hold.heldCredits() - takenHeld;
        TakeBack recorded = new TakeBack(event.refundedCredits(), event.burns(), event.uncoveredCredits());
        long expectedTakenHeld = takenHeld;
        TakeBack expectedBeyond = beyond;
        require(event.takenHeldCredits() == takenHeld && event.releasedCredits() == released && beyond.equals(recorded),
                () -> "dispute " + event.disputeId() + " closes taking " + event.takenHeldCredits() + " held, releasing "
                        + event.releasedCredits() + " and " + recorded + ", the fold " + expectedTakenHeld + ", "
                        + released + " and " + expectedBeyond);
        if (released > 0) {
            settleDebt(released, event.debtSettledCredits());
            release(hold, released - event.debtSettledCredits());
        } else {
            require(event.debtSettledCredits() == 0, () -> "dispute " + event.disputeId() + " releases nothing");
        }
        if (event.outcome() == DisputeOutcome.LOST) {
            purchaseTakenCredits.merge(event.purchaseId(), takenHeld, Long::sum);
            takeBack(event.purchaseId(), recorded);
        }
        openDisputes.remove(event.disputeId());
        closedDisputeIds.add(event.disputeId());
        balance = balance.granted(released).removed(recorded.totalCredits());
        check(event);
    }

    /** Held credits come back into the purchase's grant, where it was in the burn order. */
    private void release(Hold hold, long credits) {
        if (credits == 0) {
            return;
        }
        Grant open = openGrants.get(hold.grant().grantId());
        Grant back = open != null ? open.withRemaining(Math.addExact(open.remainingCredits(), credits))
                : hold.grant().withRemaining(credits);
        if (open == null) {
            burnOrder = null;
        }
        openGrants.put(back.grantId(), back);
        heldCredits = Math.addExact(heldCredits, credits);
    }

    void on(SubscriptionEnded event) {
        requireOpen(event);
        require(!endedSubscriptionIds.contains(event.subscriptionId()),
                () -> "subscription " + event.subscriptionId() + " ended twice");
        endedSubscriptionIds.add(event.subscriptionId());
        check(event);
    }

    void on(BalanceAdjusted event) {
        requireOpen(event);
        require(event.amountCredits() != 0 && !adjustments.containsKey(event.adjustmentId()),
                () -> "adjustment " + event.adjustmentId() + " is zero or applied twice");
        if (event.amountCredits() > 0) {
            require(event.burns().isEmpty(), () -> "a positive adjustment burns nothing");
            settleDebt(event.amountCredits(), event.debtSettledCredits());
            addGrant(adjustmentGrantId(event.adjustmentId()), GrantCategory.PROMOTIONAL, event.amountCredits(),
                    event.debtSettledCredits(), DEFAULT_PRIORITY, null, event.adjustedAt());
            balance = balance.granted(event.amountCredits());
        } else {
            long taken = -event.amountCredits();
            List<GrantBurn> burns = burnsFor(taken);
            require(burns.equals(event.burns()) && event.debtSettledCredits() == 0, () -> "adjustment " + event.adjustmentId()
                    + " records burns " + event.burns() + " but the fold burns " + burns);
            long burnt = 0;
            for (GrantBurn burn : burns) {
                take(burn.grantId(), burn.credits());
                burnt += burn.credits();
            }
            require(burnt == taken, () -> "adjustment " + event.adjustmentId() + " takes more than the grants hold");
            balance = balance.removed(taken);
        }
        adjustments.put(event.adjustmentId(), event.amountCredits());
        check(event);
    }

    void on(UserBlocked event) {
        requireOpen(event);
        require(!balance.blocked(), () -> "account " + userId + " blocked twice");
        balance = balance.withBlocked(true);
        check(event);
    }

    void on(UserUnblocked event) {
        requireOpen(event);
        require(balance.blocked(), () -> "account " + userId + " unblocked while not blocked");
        balance = balance.withBlocked(false);
        check(event);
    }

    void on(CycleCapSet event) {
        requireOpen(event);
        require(event.capCredits() == null || event.capCredits() >= 0, () -> "a cycle cap is never negative");
        balance = balance.withCycleCap(event.capCredits());
        check(event);
    }

    void on(PlanAssigned event) {
        requireOpen(event);
        require(event.plan() != null && event.plan().problem() == null, () -> "plan assigned to " + userId + " is invalid");
        plan = event.plan();
        balance = balance.withPlan(plan.planId());
        check(event);
    }

    void on(AllowanceRenewed event) {
        requireOpen(event);
        require(plan.planId().equals(event.planId()) && plan.allowanceCredits() == event.allowanceCredits(),
                () -> "renewal of " + event.planId() + " with " + event.allowanceCredits() + " credits on plan " + plan);
        // A plan renewed by payment may leave a gap between two paid periods (Stripe retried a failed payment).
        require(!event.cycleStartedAt().isBefore(balance.cycleStartedAt()) && (balance.cycleEndsAt() == null
                        || plan.renewedByPayment() || !event.cycleStartedAt().isAfter(balance.cycleEndsAt())),
                () -> "cycle starting " + event.cycleStartedAt() + " does not follow the cycle " + balance.cycleStartedAt()
                        + " to " + balance.cycleEndsAt());
        require((event.cycleEndsAt() == null) == (plan.period() == CyclePeriod.NONE)
                        && (event.cycleEndsAt() == null || event.cycleEndsAt().isAfter(event.cycleStartedAt())),
                () -> "cycle end " + event.cycleEndsAt() + " does not fit the plan's period " + plan.period());
        require((event.invoiceId() == null) == (event.subscriptionId() == null)
                        && (event.invoiceId() == null || plan.renewedByPayment() && !invoiceIds.contains(event.invoiceId())
                                && !endedSubscriptionIds.contains(event.subscriptionId())),
                () -> "renewal by invoice " + event.invoiceId() + " of subscription " + event.subscriptionId()
                        + " on plan " + plan + ": an invoice renews a plan renewed by payment, once, while subscribed");
        List<GrantBurn> forfeits = allowanceForfeits();
        require(forfeits.equals(event.forfeits()), () -> "renewal records forfeits " + event.forfeits() + " but the fold takes "
                + forfeits);
        long taken = 0;
        for (GrantBurn forfeit : forfeits) {
            take(forfeit.grantId(), forfeit.credits());
            taken += forfeit.credits();
        }
        long unspent = taken;
        require(event.rolledOverCredits() == plan.rolledOver(unspent), () -> "renewal rolls over " + event.rolledOverCredits()
                + " of " + unspent + " unspent, the plan " + plan.rolledOver(unspent));
        long amount = Math.addExact(event.allowanceCredits(), event.rolledOverCredits());
        if (amount > 0) {
            require(event.grantId() != null && event.grantId().startsWith(ALLOWANCE_GRANT_PREFIX),
                    () -> "an allowance grant id starts with " + ALLOWANCE_GRANT_PREFIX);
            settleDebt(amount, event.debtSettledCredits());
            addGrant(event.grantId(), GrantCategory.PROMOTIONAL, amount, event.debtSettledCredits(), ALLOWANCE_PRIORITY,
                    null, event.cycleStartedAt());
        } else {
            require(event.grantId() == null && event.debtSettledCredits() == 0, () -> "an empty allowance makes no grant");
        }
        balance = balance.renewed(unspent, amount, event.cycleStartedAt(), event.cycleEndsAt());
        if (event.invoiceId() != null) {
            invoiceIds.add(event.invoiceId());
        }
        check(event);
    }

    // --- helpers ---

    private void settleDebt(long amountCredits, long recordedDebtSettled) {
        long settled = debtSettledBy(amountCredits);
        require(settled == recordedDebtSettled, () -> "grant records " + recordedDebtSettled + " of debt settled, the fold "
                + settled);
        overdraftCredits -= settled;
    }

    private void addGrant(String grantId, GrantCategory category, long amountCredits, long debtSettledCredits,
            int priority, Instant expiresAt, Instant grantedAt) {
        require(!grantedAmounts.containsKey(grantId), () -> "grant " + grantId + " made twice");
        grantedAmounts.put(grantId, amountCredits);
        long remaining = amountCredits - debtSettledCredits;
        if (remaining > 0) {
            burnOrder = null;
            heldCredits = Math.addExact(heldCredits, remaining);
            openGrants.put(grantId, new Grant(grantId, category, amountCredits, remaining, priority, expiresAt, grantedAt,
                    grantCount));
        }
        grantCount++;
    }

    private void take(String grantId, long credits) {
        Grant grant = openGrants.get(grantId);
        require(grant != null && credits > 0 && credits <= grant.remainingCredits(),
                () -> "cannot take " + credits + " credits from grant " + grantId + " (" + grant + ")");
        long left = grant.remainingCredits() - credits;
        heldCredits -= credits;
        if (left == 0) {
            openGrants.remove(grantId);
            if (burnOrder != null) {
                burnOrder.remove(grantId);
            }
        } else {
            openGrants.put(grantId, grant.withRemaining(left));
        }
    }

    private void requireOpen(LedgerEvent event) {
        require(isOpen() && userId.equals(event.userId()), () -> "event of " + event.userId() + " on account " + userId);
    }

    /** The fold must equal what the event says the account holds, and the grants must add up to the balance. */
    private void check(LedgerEvent event) {
        require(balance.equals(event.after()) && balance.consistent(), () -> "account " + userId
                + " stream is inconsistent: folded " + balance + ", event says " + event.after());
        long held = heldCredits;
        require(held - overdraftCredits == balance.balanceCredits(), () -> "account " + userId + ": grants hold " + held
                + " and the overshoot is " + overdraftCredits + ", but the balance is " + balance.balanceCredits());
        // Below zero only with every grant empty: credits received pay the debt back first, take-backs empty the grants first.
        require(overdraftCredits >= 0 && (overdraftCredits == 0 || held == 0), () -> "account " + userId
                + " owes " + overdraftCredits + " while its grants hold " + held);
    }

    /** The message is built only on failure: the fold runs for every event of every load and replay. */
    private static void require(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            throw new IllegalStateException(message.get());
        }
    }
}
