package io.creditgate.gateway.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param failureMode {@code open} (default: a chat never breaks because Redis is down) or {@code closed}
 *     (no call goes out unchecked); {@code CREDITGATE_FAILURE_MODE}
 */
@ConfigurationProperties("creditgate")
public record FailureModeProperties(@DefaultValue("open") FailureMode failureMode) {
}
