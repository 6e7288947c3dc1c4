package io.creditgate.ledger.hotbalance;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce fails fast while Redis is unreachable instead of queueing commands in memory; the command
 * timeout itself is {@code spring.data.redis.timeout} (application.yml). The projector then retries
 * from its token, so nothing piles up in the client.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Reconnect within a second of Redis coming back, as the gateway does. Lettuce's default backs off up to 30 s:
     * in the fault suite, after Redis was down 20 s, the ledgers reconnected 13 s after it returned, so the projection
     * marker ({@link ProjectionGuard}) was rebuilt that late and a closed-mode gateway refused every call meanwhile.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectQuickly() {
        return resources -> resources.reconnectDelay(
                Delay.fullJitter(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
