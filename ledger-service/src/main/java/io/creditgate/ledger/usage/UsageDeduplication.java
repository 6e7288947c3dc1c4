package io.creditgate.ledger.usage;

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
 */
@Component
class UsageDeduplication implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ProcessedEvents processed;

    UsageDeduplication(ProcessedEvents processed) {
        this.processed = processed;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ChargeUsage charge
                && !processed.markProcessed(charge.eventId(), charge.userId())) {
            return ChargeOutcome.ALREADY_CHARGED;
        }
        return chain.proceed();
    }
}
