package io.creditgate.ledger.journal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.LedgerJournalEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The producer of the journal topic: Avro single-object values keyed by user id, idempotent, {@code acks=all} (forced
 * here whatever the configuration says: an acknowledged entry must survive the loss of a partition leader), with
 * batching so a burst of entries costs few requests.
 */
@Component
class JournalProducer implements DisposableBean {

    static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, SpecificRecord> producer;
    private final Counter published;

    JournalProducer(KafkaProperties properties, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(config, Topics.LEDGER_JOURNAL.keys().serializer(),
                Topics.LEDGER_JOURNAL.values().serializer());
        published = Counter.builder("ledger.journal.published")
                .description("journal events acknowledged by the journal topic (a re-publication counts again)")
                .register(meters);
    }

    /** Sends without waiting; the future completes when Kafka acknowledged the entry. */
    CompletableFuture<?> send(LedgerJournalEntry entry) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.LEDGER_JOURNAL.name(), entry.getUserId(), entry), (metadata, failure) -> {
            if (failure == null) {
                published.increment();
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(failure);
            }
        });
        return acknowledged;
    }

    /**
     * Waits until Kafka acknowledged every send.
     *
     * @throws IllegalStateException when one failed or did not come back within 30 s
     */
    void awaitAcknowledged(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the journal", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + sends.size() + " journal entries", e);
        }
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
