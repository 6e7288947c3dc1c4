package io.creditgate.ledger.journal;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A journal publisher without a token (a ledger that had a journal before this publisher existed, or lost the
 * publisher's tokens) starts at the first event of the journal and publishes all of it, as ordinary events: Axon's
 * default initial token for a pooled processor is a {@code ReplayToken} up to the head, which marks the past as a
 * replay and is a token Jackson 3 refused to read back before {@code CanonicalEventSerialization} allowed it.
 */
@Configuration(proxyBeanMethods = false)
class JournalPublisherConfiguration {

    @Bean
    ConfigurerModule journalPublisherStartsAtTheFirstEvent() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                JournalPublisher.PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }
}
