package io.creditgate.ledger.usage;

import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.ledger.account.TokenCounts;
import io.creditgate.ledger.deadletter.DeadLetters;
import io.creditgate.ledger.deadletter.Poison;
import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.identity.UserId;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
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
 * again one record per transaction, which finds the record that breaks an account rule and retries anything else.
 *
 * <p>Poison (decision 44): a record that cannot be decoded, names an invalid user id, or breaks an account rule is
 * never skipped silently. It goes, unchanged, to the dead-letter topic ({@link DeadLetters}), after the poll's other
 * records were charged and before the listener returns, that is before the offsets are committed. Anything else
 * (PostgreSQL down) throws: the poll is retried with backoff and nothing is dead-lettered.
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
    private final DeadLetters deadLetters;

    UsageRecordedListener(CommandGateway commands, PlanCatalog accounts, UsageMetrics metrics, PollCharging poll,
            @Qualifier("accountCache") Cache accountCache, DeadLetters deadLetters) {
        this.commands = commands;
        this.accounts = accounts;
        this.metrics = metrics;
        this.poll = poll;
        this.accountCache = accountCache;
        this.deadLetters = deadLetters;
    }

    /** A record that cannot be folded and why. */
    private record Rejected(ConsumerRecord<String, byte[]> record, Poison poison) {
    }

    @KafkaListener(id = LISTENER_ID, groupId = "ledger", containerFactory = UsageConsumerConfiguration.CONTAINER_FACTORY,
            autoStartup = "${creditgate.intake.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).USAGE_EVENTS.name()}")
    void on(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Timer.Sample sample = Timer.start();
        List<ChargeUsage> charges = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Object decoded = decode(record);
            if (decoded instanceof ChargeUsage command) {
                charges.add(command);
                sources.add(record);
            } else {
                rejected.add(new Rejected(record, (Poison) decoded));
            }
        }
        List<ChargeOutcome> outcomes = charge(charges, sources, rejected);
        for (int i = 0; i < charges.size(); i++) {
            count(charges.get(i), outcomes.get(i));
            sample.stop(metrics.fold);
        }
        // Last, so that a database outage (the charge throws) retries the poll without publishing its poison again.
        for (Rejected poison : rejected) {
            deadLetters.publish(poison.record(), consumer, poison.poison());
        }
    }

    /** The outcome of each charge, null for one an account rule refused (added to {@code rejected}). */
    private List<ChargeOutcome> charge(List<ChargeUsage> charges, List<ConsumerRecord<String, byte[]>> sources,
            List<Rejected> rejected) {
        try {
            return poll.chargeAll(charges);
        } catch (RuntimeException batchFailed) {
            accountCache.removeAll();
            log.info("a batch of {} usage records failed ({}); charging them one by one", charges.size(),
                    batchFailed.getMessage());
            List<ChargeOutcome> outcomes = new ArrayList<>(charges.size());
            for (int i = 0; i < charges.size(); i++) {
                outcomes.add(chargeAlone(charges.get(i), sources.get(i), rejected));
            }
            return outcomes;
        }
    }

    /**
     * The command of a readable record with a valid user id, or the {@link Poison} that says why there is none.
     * The id is checked here as well as in the aggregate: the aggregate id must be valid before Axon loads it.
     */
    private Object decode(ConsumerRecord<String, byte[]> record) {
        UsageRecorded usage;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            usage = (UsageRecorded) Topics.USAGE_EVENTS.codec().decode(record.value());
        } catch (RuntimeException unreadable) {
            metrics.unreadable.increment();
            return Poison.unreadable("not a readable UsageRecorded: " + unreadable.getMessage());
        }
        UserId.Problem problem = UserId.problemOf(usage.getUserId());
        if (problem != null) {
            metrics.rejected.increment();
            return Poison.invalidUserId(problem, usage.getEventId(), usage.getUserId());
        }
        TokenCounts tokens = new TokenCounts(usage.getPromptTokens(), usage.getCachedPromptTokens(),
                usage.getCompletionTokens(), usage.getReasoningTokens());
        return new ChargeUsage(usage.getUserId(), usage.getEventId(), usage.getRequestId(), usage.getModel(),
                usage.getEndpoint(), tokens, usage.getCostCredits(), usage.getUsageSource().name(),
                usage.getOccurredAt(), accounts.startingCredits(), accounts.defaultPlan());
    }

    /**
     * One command in its own transaction: a rule broken gives null and adds the record to {@code rejected}; anything
     * else propagates and the poll is retried.
     */
    private ChargeOutcome chargeAlone(ChargeUsage command, ConsumerRecord<String, byte[]> source, List<Rejected> rejected) {
        try {
            return commands.sendAndWait(command);
        } catch (CommandRejectedException | AggregateNotFoundException refused) {
            metrics.rejected.increment();
            rejected.add(new Rejected(source, Poison.rejected(refused.getMessage(), command.eventId(), command.userId())));
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
}
