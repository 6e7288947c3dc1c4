package io.creditgate.ledger.publication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.creditgate.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * The producer of the account-events topic: Avro single-object values keyed by user id, sent in order
 * and acknowledged before {@link #publish} returns. Its own producer (not Boot's shared template) so the
 * delivery guarantees below hold whatever the rest of the configuration says.
 */
@Component
class AccountEventsProducer implements DisposableBean {

    static final long SEND_TIMEOUT_SECONDS = 30;

    private final DefaultKafkaProducerFactory<String, SpecificRecord> producers;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    AccountEventsProducer(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        // Idempotence keeps retries from duplicating or reordering records within a partition;
        // acks=all means an acknowledged record survives the loss of the partition leader.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producers = new DefaultKafkaProducerFactory<>(config, Topics.ACCOUNT_EVENTS.keys().serializer(),
                Topics.ACCOUNT_EVENTS.values().serializer());
        kafka = new KafkaTemplate<>(producers);
    }

    /**
     * Sends the records in order on the user's partition and waits for every acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge all of them within 30 s
     */
    void publish(String userId, SpecificRecord... records) {
        List<CompletableFuture<SendResult<String, SpecificRecord>>> sends = new ArrayList<>(records.length);
        for (SpecificRecord record : records) {
            sends.add(kafka.send(Topics.ACCOUNT_EVENTS.name(), userId, record));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing account events of " + userId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish account events of " + userId, e);
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
