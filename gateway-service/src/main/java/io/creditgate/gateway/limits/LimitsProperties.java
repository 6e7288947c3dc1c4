package io.creditgate.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one call or one user may take, each with a clear error when crossed.
 *
 * @param requestBodyBytes the largest request body accepted (413 beyond); a number of bytes or a size such as 4MB
 * @param upstreamResponseBytes the largest non-streaming upstream answer the gateway reads to meter it (502 beyond)
 * @param requestsPerMinute metered calls one user may start per minute, 0 for no limit (429 beyond)
 * @param tokensPerMinute tokens (prompt and output, as charged) one user may use per minute, 0 for no limit
 *     (429 once a minute's worth is used, until enough of it has drained)
 * @param streamDuration the longest a streamed answer may last; the stream is then closed with a final error
 *     event and the part generated is billed
 * @param concurrentStreamsPerUser streams one user may have open at once on this gateway, 0 for no limit (429 beyond)
 */
@ConfigurationProperties("creditgate.limits")
public record LimitsProperties(
        @DefaultValue("4MB") DataSize requestBodyBytes,
        @DefaultValue("64MB") DataSize upstreamResponseBytes,
        @DefaultValue("0") int requestsPerMinute,
        @DefaultValue("0") long tokensPerMinute,
        @DefaultValue("10m") Duration streamDuration,
        @DefaultValue("20") int concurrentStreamsPerUser) {

    public LimitsProperties {
        if (requestBodyBytes.toBytes() < 1 || requestBodyBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("creditgate.limits.request-body-bytes must be between 1 byte and 2 GiB");
        }
        if (upstreamResponseBytes.toBytes() < 1 || upstreamResponseBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("creditgate.limits.upstream-response-bytes must be between 1 byte and 2 GiB");
        }
        if (requestsPerMinute < 0 || tokensPerMinute < 0 || concurrentStreamsPerUser < 0) {
            throw new IllegalArgumentException("creditgate.limits.requests-per-minute, tokens-per-minute and "
                    + "concurrent-streams-per-user must be 0 (no limit) or positive");
        }
        if (streamDuration.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.limits.stream-duration must be positive");
        }
    }
}
