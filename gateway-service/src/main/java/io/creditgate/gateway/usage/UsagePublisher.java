package io.creditgate.gateway.usage;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes {@code UsageRecorded} to {@link Topics#USAGE_EVENTS}, keyed by user id so one user's events stay ordered. */
@Component
public class UsagePublisher {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final GatewayMetrics metrics;

    UsagePublisher(KafkaTemplate<String, SpecificRecord> kafka, GatewayMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /**
     * Completes when Kafka acknowledged the event (acks=all). KafkaProducer.send blocks while it fetches
     * metadata or waits for buffer space, so it runs off the Netty event loop.
     */
    public Mono<Void> publish(UsageRecorded event) {
        return Mono.fromFuture(() -> kafka.send(Topics.USAGE_EVENTS.name(), event.getUserId(), event))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnError(e -> {
                    metrics.publishFailed();
                    // The spool that keeps such events until Kafka returns is issue 3; until then the log keeps them.
                    log.error("UsageRecorded {} could not be published: {}", event, e.toString());
                })
                .then();
    }
}
