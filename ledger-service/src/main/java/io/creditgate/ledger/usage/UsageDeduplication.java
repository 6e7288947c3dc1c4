package io.creditgate.ledger.usage;

import java.util.Set;

import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Lets each {@link ChargeUsage} through once per usage eventId. Runs as a command handler interceptor,
 * that is inside the command's unit of work and its database transaction: the {@code processed_event}
 * row, the account events and the read model commit together or not at all, and the transaction commits
 * before the account's lock is released, so no other command of the user can slip in between.
 *
 * <p>A poll charged as one ({@link PollCharging}) has claimed its ids with one statement beforehand, in the same
 * transaction, and left them in its root unit of work ({@link #CLAIMED_BY_POLL}): each of those passes once without
 * another round trip; anything else (a duplicate, a second copy in the same poll) is checked against the table.
 */
@Component
class UsageDeduplication implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Root unit-of-work resource: the mutable {@code Set<String>} of eventIds inserted by the poll's claim. */
    static final String CLAIMED_BY_POLL = UsageDeduplication.class.getName() + ".claimedByPoll";

    private final ProcessedEvents processed;

    UsageDeduplication(ProcessedEvents processed) {
        this.processed = processed;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ChargeUsage charge && !firstTime(unitOfWork, charge)) {
            return ChargeOutcome.ALREADY_CHARGED;
        }
        return chain.proceed();
    }

    private boolean firstTime(UnitOfWork<?> unitOfWork, ChargeUsage charge) {
        Set<String> claimedByPoll = unitOfWork.root().getResource(CLAIMED_BY_POLL);
        if (claimedByPoll != null && claimedByPoll.remove(charge.eventId())) {
            return true;
        }
        return processed.markProcessed(charge.eventId(), charge.userId());
    }
}
