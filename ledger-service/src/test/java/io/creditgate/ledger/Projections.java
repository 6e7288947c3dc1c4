package io.creditgate.ledger;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The balance projections (Redis, account events) around a journal written straight into the event store: paused while
 * it is written, then started again at the head, so the generated accounts are skipped rather than projected (they need
 * neither, and projecting them would only load the tests that follow).
 */
public final class Projections {

    private static final List<String> OF_BALANCES = List.of("redis-balance", "account-events-publisher");

    private final EventProcessingConfiguration processing;

    public Projections(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    public void pause() throws Exception {
        for (String name : OF_BALANCES) {
            processor(name).shutdownAsync().get(60, TimeUnit.SECONDS);
        }
    }

    public void resumeAtHead() {
        for (String name : OF_BALANCES) {
            StreamingEventProcessor processor = processor(name);
            processor.resetTokens(StreamableMessageSource::createHeadToken);
            processor.start();
        }
    }
}
