package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The account's handlers run without a time limit per call (decision 37): Axon leaves them unwrapped. */
class HandlerTimeLimitsTest extends LedgerServiceTestBase {

    @Autowired
    private HandlerTimeoutHandlerEnhancerDefinition timeLimits;

    @Test
    void theUsageCommandHandlerAndEventSourcingHandlerAreNotTimed() throws Exception {
        MultiParameterResolverFactory parameters = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(CreditAccount.class),
                new SimpleResourceParameterResolverFactory(List.of(StoredEventBytes.canonical())));
        MessageHandlingMember<CreditAccount> command = new AnnotatedMessageHandlingMember<>(
                CreditAccount.class.getDeclaredMethod("handle", ChargeUsage.class), CommandMessage.class,
                ChargeUsage.class, parameters);
        MessageHandlingMember<CreditAccount> eventSourcing = new AnnotatedMessageHandlingMember<>(
                CreditAccount.class.getDeclaredMethod("on", UsageCharged.class, EventMessage.class, StoredEventBytes.class),
                EventMessage.class, UsageCharged.class, parameters);

        assertThat(timeLimits.wrapHandler(command)).isSameAs(command);
        assertThat(timeLimits.wrapHandler(eventSourcing)).isSameAs(eventSourcing);
    }
}
