package io.creditgate.ledger.usage;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import io.creditgate.ledger.account.TokenCounts;
import io.creditgate.ledger.account.UserIds;
import io.creditgate.schemas.event.UsageRecorded;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import io.creditgate.ledger.account.CommandRejectedException;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Qualifier;
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
 *
 * <p>Batches (decisions 32 and 35): the records of one poll are charged in <em>one</em> database transaction and one
 * root Axon unit of work ({@link PollCharging}), so a commit (an fsync), the journal append, the read-model writes and
 * the dedupe insert are paid per poll, not per call. If any command of the batch fails, the transaction rolls back as
 * a whole, the account cache is cleared (it may hold events that were never committed), and the batch is charged
 * again one record per transaction, which skips a record that breaks an account rule and retries anything else.
 */
@Component
class UsageRecordedListener {

    static final String LISTENER_ID = "ledger-usage";
    private static final Logger log = LoggerFactory.getLogger(UsageRecordedListener.class);

    private final CommandGateway commands;
    private final PlanCatalog accounts;
    private final UsageMetrics metrics;
    private final PollCharging poll;
    private final Cache accountCache;

    UsageRecordedListener(CommandGateway commands, PlanCatalog accounts, UsageMetrics metrics, PollCharging poll,
            @Qualifier("accountCache") Cache accountCache) {
        this.commands = commands;
        this.accounts = accounts;
        this.metrics = metrics;
        this.poll = poll;
        this.accountCache = accountCache;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "ledger", containerFactory = UsageConsumerConfiguration.CONTAINER_FACTORY,
            autoStartup = "${creditgate.intake.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).USAGE_EVENTS.name()}")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        Timer.Sample sample = Timer.start();
        List<ChargeUsage> charges = new ArrayList<>(records.size());
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            ChargeUsage command = readable(record);
            if (command != null) {
                charges.add(command);
            }
        }
        List<ChargeOutcome> outcomes;
        try {
            outcomes = poll.chargeAll(charges);
        } catch (RuntimeException batchFailed) {
            accountCache.removeAll();
            log.info("a batch of {} usage records failed ({}); charging them one by one", charges.size(),
                    batchFailed.getMessage());
            outcomes = new ArrayList<>(charges.size());
            for (ChargeUsage command : charges) {
                outcomes.add(chargeAlone(command));
            }
        }
        for (int i = 0; i < charges.size(); i++) {
            count(charges.get(i), outcomes.get(i));
            sample.stop(metrics.fold);
        }
    }

    /** The command of a readable record; null (counted, logged) for one that is not a usage event or names no valid user. */
    private ChargeUsage readable(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded usage)) {
            // A batch listener gets an undeserializable record as a null value (ErrorHandlingDeserializer).
            metrics.unreadable.increment();
            log.warn("skipped a record that is not a UsageRecorded at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        try {
            return toCommand(usage);
        } catch (CommandRejectedException rejected) {
            metrics.rejected.increment();
            log.error("skipped a usage at {}-{}@{} that the ledger rejects: {}", record.topic(), record.partition(),
                    record.offset(), rejected.getMessage());
            return null;
        }
    }

    /** One command in its own transaction: a rule broken is skipped (null), anything else propagates and is retried. */
    private ChargeOutcome chargeAlone(ChargeUsage command) {
        try {
            return commands.sendAndWait(command);
        } catch (CommandRejectedException | AggregateNotFoundException rejected) {
            metrics.rejected.increment();
            log.error("skipped usage {} of {} that the ledger rejects: {}", command.eventId(), command.userId(),
                    rejected.getMessage());
            return null;
        } catch (RuntimeException other) {
            accountCache.removeAll();
            throw other;
        }
    }

    private void count(ChargeUsage command, ChargeOutcome outcome) {
        if (outcome == ChargeOutcome.CHARGED) {
            metrics.charged.increment();
        } else if (outcome == ChargeOutcome.ALREADY_CHARGED) {
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
                usage.getOccurredAt(), accounts.startingCredits(), accounts.defaultPlan());
    }
}
