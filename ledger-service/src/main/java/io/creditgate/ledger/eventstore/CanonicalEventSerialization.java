package io.creditgate.ledger.eventstore;

import io.creditgate.ledger.account.CanonicalJson;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * How Axon's Jackson 3 serializers (events, snapshots, tokens) write and read:
 * <ul>
 * <li>{@link CanonicalJson}: the journal stores each event in exactly the form its hash covers, so the stored bytes, the
 * journal topic's copy and the hash chain are one and the same (decision 34). Sorting properties is harmless for
 * snapshots and tokens, and reading is unchanged.</li>
 * <li>Axon's {@code ReplayToken} keeps an untyped {@code context} with its class name. Jackson 3's default validator
 * refuses any polymorphic {@code Object}, so a processor whose tokens were reset, or that starts on a journal that
 * already has events (the journal publisher on an existing ledger), could never read its token again. Only Axon's own
 * classes are allowed there.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CanonicalEventSerialization {

    @Bean
    Jackson3SerializerCustomizer axonJson() {
        return builder -> CanonicalJson.configure(builder).polymorphicTypeValidator(
                BasicPolymorphicTypeValidator.builder().allowIfSubType("org.axonframework.").build());
    }
}
