package io.creditgate.gateway.admission;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

    /**
     * While Redis is unreachable, fail admission commands at once instead of queueing them until the
     * command timeout: a chat must get a clear answer fast (the failure mode decides which), not hang.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Reconnect within a second of Redis coming back. Lettuce's default backs off up to 30 s, which would keep
     * every call unchecked (open) or refused (closed) for that long after a short outage; jitter keeps many
     * gateways from reconnecting in lockstep.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectQuickly() {
        return resources -> resources.reconnectDelay(
                Delay.fullJitter(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
