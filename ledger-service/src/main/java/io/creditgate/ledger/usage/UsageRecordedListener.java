package io.creditgate.ledger.usage;

import io.creditgate.ledger.account.AccountProperties;
import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import io.creditgate.ledger.account.TokenCounts;
import io.creditgate.ledger.account.UserIds;
import io.creditgate.schemas.event.UsageRecorded;
import io.micrometer.core.instrument.Timer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Folds each {@code UsageRecorded} of the usage topic into its user's account, exactly once by eventId
 * ({@link UsageDeduplication} skips an event folded before). Offsets are committed after the fold, so a
 * crash redelivers, and the redelivery is a no-op.
 */
@Component
class UsageRecordedListener {

    static final String LISTENER_ID = "ledger-usage";
    private static final Logger log = LoggerFactory.getLogger(UsageRecordedListener.class);

    private final CommandGateway commands;
    private final AccountProperties accounts;
    private final UsageMetrics metrics;

    UsageRecordedListener(CommandGateway commands, AccountProperties accounts, UsageMetrics metrics) {
        this.commands = commands;
        this.accounts = accounts;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "ledger", containerFactory = UsageConsumerConfiguration.CONTAINER_FACTORY,
            autoStartup = "${creditgate.intake.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).USAGE_EVENTS.name()}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded usage)) {
            metrics.unreadable.increment();
            log.warn("skipped a record that is not a UsageRecorded at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        Timer.Sample sample = Timer.start();
        ChargeUsage command = toCommand(usage);
        ChargeOutcome outcome = commands.sendAndWait(command);
        sample.stop(metrics.fold);
        if (outcome == ChargeOutcome.CHARGED) {
            metrics.charged.increment();
        } else {
            metrics.duplicates.increment();
            log.debug("usage event {} was folded before; skipped", command.eventId());
        }
    }

    private ChargeUsage toCommand(UsageRecorded usage) {
        // Checked here as well as in the aggregate: the aggregate id must be valid before Axon loads it.
        UserIds.requireValid(usage.getUserId());
        TokenCounts tokens = new TokenCounts(usage.getPromptTokens(), usage.getCachedPromptTokens(),
                usage.getCompletionTokens(), usage.getReasoningTokens());
        return new ChargeUsage(usage.getUserId(), usage.getEventId(), usage.getRequestId(), usage.getModel(),
                usage.getEndpoint(), tokens, usage.getCostCredits(), usage.getUsageSource().name(),
                usage.getOccurredAt(), accounts.startingCredits());
    }
}
