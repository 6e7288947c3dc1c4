package io.creditgate.ledger.account;

import static io.creditgate.ledger.account.CommandRejectedException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's credit account, event sourced; the aggregate id is the user id.
 *
 * <p>Deterministic: ids and timestamps arrive in the commands. Command handlers validate and decide;
 * only the event-sourcing handlers change state, and they assert the account's invariants after each
 * change, so a corrupt or inconsistent stream fails loudly instead of producing a wrong balance.
 */
@Aggregate
class CreditAccount {

    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_ID_LENGTH = 200;

    @AggregateIdentifier
    private String userId;
    private AccountBalance balance;
    /** Amount of every grant by grant id: a repeated id is a no-op, a reused id with another amount a conflict. */
    private final Map<String, Long> grantedCreditsByGrantId = new HashMap<>();

    /** For Axon, which rebuilds the account from its events. */
    CreditAccount() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ChargeOutcome handle(ChargeUsage command) {
        UserIds.requireValid(command.userId());
        require(hasText(command.eventId(), MAX_ID_LENGTH), "eventId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.costCredits() >= 0, "costCredits must not be negative, was " + command.costCredits());
        require(command.tokens() != null && command.tokens().valid(),
                "token counts must not be negative and cached/reasoning tokens must not exceed their totals");
        require(hasText(command.model(), MAX_ID_LENGTH), "model is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.occurredAt() != null, "occurredAt is required");
        require(command.openingCredits() >= 0, "openingCredits must not be negative");

        AccountBalance after = exact(() -> current(command.openingCredits()).charged(command.costCredits()),
                "charging " + command.costCredits() + " credits would overflow the account");
        openIfNew(command.userId(), command.openingCredits(), command.occurredAt());
        apply(new UsageCharged(command.userId(), command.eventId(), command.requestId(), command.model(),
                command.endpoint(), command.tokens(), command.costCredits(), command.usageSource(),
                command.occurredAt(), after));
        return ChargeOutcome.CHARGED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    GrantOutcome handle(GrantCredits command) {
        UserIds.requireValid(command.userId());
        require(hasText(command.grantId(), MAX_ID_LENGTH), "grantId is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.amountCredits() > 0, "amountCredits must be above zero, was " + command.amountCredits());
        require(hasText(command.reason(), MAX_TEXT_LENGTH),
                "reason is required (at most " + MAX_TEXT_LENGTH + " characters)");
        require(hasText(command.actor(), MAX_ID_LENGTH), "actor is required (at most " + MAX_ID_LENGTH + " characters)");
        require(command.grantedAt() != null, "grantedAt is required");
        require(command.openingCredits() >= 0, "openingCredits must not be negative");

        Long earlier = grantedCreditsByGrantId.get(command.grantId());
        if (earlier != null) {
            if (earlier == command.amountCredits()) {
                return GrantOutcome.ALREADY_GRANTED;
            }
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "grant " + command.grantId()
                    + " was already made with " + earlier + " credits, not " + command.amountCredits());
        }
        AccountBalance after = exact(() -> current(command.openingCredits()).granted(command.amountCredits()),
                "granting " + command.amountCredits() + " credits would overflow the account");
        openIfNew(command.userId(), command.openingCredits(), command.grantedAt());
        apply(new CreditsGranted(command.userId(), command.grantId(), command.amountCredits(), command.reason(),
                command.actor(), command.grantedAt(), after));
        return GrantOutcome.GRANTED;
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        userId = event.userId();
        balance = checked(AccountBalance.opening(event.startingCredits()), event.after());
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        balance = checked(balance.granted(event.amountCredits()), event.after());
        grantedCreditsByGrantId.put(event.grantId(), event.amountCredits());
    }

    @EventSourcingHandler
    void on(UsageCharged event) {
        balance = checked(balance.charged(event.costCredits()), event.after());
    }

    /** The balance a command starts from: the current one, or the starting grant of an account it opens. */
    private AccountBalance current(long openingCredits) {
        return isOpen() ? balance : AccountBalance.opening(openingCredits);
    }

    private void openIfNew(String id, long openingCredits, Instant at) {
        if (!isOpen()) {
            apply(new AccountOpened(id, openingCredits, at));
        }
    }

    private boolean isOpen() {
        return userId != null;
    }

    /** The fold of the event must equal what the event says the account holds afterwards. */
    private static AccountBalance checked(AccountBalance folded, AccountBalance recorded) {
        if (!folded.equals(recorded) || !folded.consistent()) {
            throw new IllegalStateException("account stream is inconsistent: folded " + folded + ", event says " + recorded);
        }
        return folded;
    }

    private static AccountBalance exact(Supplier<AccountBalance> arithmetic, String message) {
        try {
            return arithmetic.get();
        } catch (ArithmeticException overflow) {
            throw new CommandRejectedException(CommandRejectedException.Reason.OVERFLOW, message);
        }
    }

    private static boolean hasText(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength;
    }
}
