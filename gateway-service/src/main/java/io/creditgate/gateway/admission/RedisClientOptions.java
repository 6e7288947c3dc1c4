package io.creditgate.gateway.admission;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions;

@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

    /**
     * While Redis is unreachable, fail admission commands at once instead of queueing them until the
     * command timeout: a chat must get a clear answer fast, not hang.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
