package io.creditgate.gateway.usage;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.limits.RateLimits;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code UsageRecorded} to {@link Topics#USAGE_EVENTS}, keyed by user id so one user's events stay
 * ordered, and never loses one: an event Kafka does not take (down, or too slow for delivery.timeout.ms) goes
 * to the local {@link UsageSpool}, and while the spool holds events every new one goes there too, behind them,
 * until the {@link UsageSpoolDrainer} has handed them all to Kafka. Before any of that, {@link #publish} writes the
 * event to the {@link UsageJournal}, so a gateway killed while the event is on its way loses nothing: the journal's
 * leftovers are spooled at the next start. The journal write is the one thing a caller waits for (microseconds);
 * Kafka and the spool's disk writes never run on the caller's thread.
 */
@Component
public class UsagePublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);
    /** At shutdown, how long sends still waiting for Kafka get to end (in Kafka or in the spool). */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(15);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final UsageSpool spool;
    private final UsageJournal journal;
    private final RateLimits rateLimits;
    private final GatewayMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();

    UsagePublisher(KafkaTemplate<String, SpecificRecord> kafka, UsageSpool spool, UsageJournal journal,
                   RateLimits rateLimits, GatewayMetrics metrics) {
        this.kafka = kafka;
        this.spool = spool;
        this.journal = journal;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        metrics.spoolDepth(spool::depth);
        metrics.journalUnsettled(journal::unsettled);
    }

    /**
     * Writes the event to the journal before it returns (call it before the answer's last byte leaves), then
     * returns its publication: subscribe to it, and it completes when the event is in Kafka (acks=all) or on disk
     * in the spool, or fails when neither took it (the journal keeps it for the next start). Also counts the
     * call's tokens against the user's tokens-per-minute limit (when that limit is on).
     */
    public Mono<Void> publish(UsageRecorded event) {
        UsageJournal.Segment journaled = journal(event);
        rateLimits.countTokens(event.getUserId(), event.getPromptTokens() + event.getCompletionTokens())
                .subscribe(null, e -> log.debug("Tokens of call {} not counted for the rate limit: {}",
                        event.getEventId(), e.toString()));
        Mono<Void> publication = Mono.defer(() -> spoolIfBacklogged(event) ? Mono.<Void>empty() : send(event))
                // KafkaProducer.send blocks while it fetches metadata (max.block.ms) and the spool writes to disk.
                .subscribeOn(Schedulers.boundedElastic());
        return journaled == null ? publication : publication.doOnSuccess(done -> journal.settled(journaled));
    }

    private UsageJournal.Segment journal(UsageRecorded event) {
        try {
            return journal.append(event);
        } catch (IOException | RuntimeException e) {
            metrics.journalFailed();
            log.error("The usage journal could not take UsageRecorded {} ({}); a gateway killed before Kafka takes it "
                    + "would lose it", event.getEventId(), e.toString());
            return null;
        }
    }

    private boolean spoolIfBacklogged(UsageRecorded event) {
        try {
            if (spool.appendIfBacklogged(event)) {
                metrics.spooled();
                return true;
            }
            return false;
        } catch (IOException e) {
            log.error("The usage spool could not take UsageRecorded {} ({}); sending it to Kafka directly",
                    event.getEventId(), e.toString());
            return false;
        }
    }

    private Mono<Void> send(UsageRecorded event) {
        inFlight.incrementAndGet();
        return Mono.fromFuture(() -> kafka.send(Topics.USAGE_EVENTS.name(), event.getUserId(), event))
                .then()
                .onErrorResume(failure -> Mono.fromRunnable(() -> spoolAfterFailure(event, failure))
                        .subscribeOn(Schedulers.boundedElastic()).then())
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    private void spoolAfterFailure(UsageRecorded event, Throwable kafkaFailure) {
        metrics.publishFailed();
        try {
            spool.append(event);
            metrics.spooled();
            log.warn("Kafka did not take UsageRecorded {} ({}); spooled it, {} events now wait for Kafka",
                    event.getEventId(), kafkaFailure.toString(), spool.depth());
        } catch (IOException | RuntimeException e) {
            metrics.usageLost();
            // The journal keeps it for the next start; the log line holds it in full too, for a manual replay.
            log.error("UsageRecorded {} could not be published ({}) nor spooled ({}); it stays in the journal: {}",
                    event.getEventId(), kafkaFailure.toString(), e.toString(), event);
            throw new IllegalStateException("UsageRecorded " + event.getEventId() + " is neither in Kafka nor spooled", e);
        }
    }

    /** UsageRecorded events waiting in the spool for Kafka. */
    public int spooledEvents() {
        return spool.depth();
    }

    /** Waits a moment for sends still in flight, so each ends in Kafka or in the spool before the spool closes. */
    @Override
    public void destroy() throws InterruptedException {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            log.warn("{} UsageRecorded events were still on their way to Kafka at shutdown", inFlight.get());
        }
    }
}
