package io.creditgate.ledger.usage;

import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Charges the commands of one poll in ONE Axon unit of work bound to ONE database transaction (decision 35).
 *
 * <p>Each {@link ChargeUsage} still goes through the command bus (its interceptors, the account's lock, the aggregate)
 * in a unit of work of its own, but that one is nested in this root: Axon hands a nested unit's events to its root,
 * so the journal receives the poll's events as one JDBC batch, the read model projects them as one batch, and the
 * dedupe rows of the poll are claimed by one statement ({@link ProcessedEvents#claim}) before the first command.
 * As for a single command, the transaction commits before the root releases the accounts' locks (its cleanup), so
 * no other command of those users sees an account whose events are not committed yet.
 *
 * <p>Any failure rolls the whole poll back (the transaction, and the accounts the root held) and is thrown.
 */
@Component
class PollCharging {

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final ProcessedEvents processed;

    PollCharging(CommandGateway commands, TransactionManager transactions, ProcessedEvents processed) {
        this.commands = commands;
        this.transactions = transactions;
        this.processed = processed;
    }

    /** The outcome of each command, in order; throws (having rolled everything back) if any command fails. */
    List<ChargeOutcome> chargeAll(List<ChargeUsage> charges) {
        if (charges.isEmpty()) {
            return List.of();
        }
        UnitOfWork<?> poll = DefaultUnitOfWork.startAndGet(null);
        try {
            poll.attachTransaction(transactions);
            poll.resources().put(UsageDeduplication.CLAIMED_BY_POLL, processed.claim(charges));
            List<ChargeOutcome> outcomes = new ArrayList<>(charges.size());
            for (ChargeUsage command : charges) {
                outcomes.add(commands.sendAndWait(command));
            }
            poll.commit();
            return outcomes;
        } catch (RuntimeException | Error failure) {
            // A failed commit has rolled back already; a failed command leaves the root to roll back here.
            if (poll.phase() == UnitOfWork.Phase.STARTED) {
                poll.rollback(failure);
            }
            throw failure;
        }
    }
}
