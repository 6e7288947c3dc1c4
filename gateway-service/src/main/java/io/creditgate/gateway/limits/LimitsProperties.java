package io.creditgate.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Size limits, each with a clear error when crossed.
 *
 * @param requestBodyBytes the largest request body accepted (413 beyond); a number of bytes or a size such as 4MB
 * @param upstreamResponseBytes the largest non-streaming upstream answer the gateway reads to meter it (502 beyond)
 */
@ConfigurationProperties("creditgate.limits")
public record LimitsProperties(
        @DefaultValue("4MB") DataSize requestBodyBytes,
        @DefaultValue("64MB") DataSize upstreamResponseBytes) {

    public LimitsProperties {
        if (requestBodyBytes.toBytes() < 1 || requestBodyBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("creditgate.limits.request-body-bytes must be between 1 byte and 2 GiB");
        }
        if (upstreamResponseBytes.toBytes() < 1 || upstreamResponseBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("creditgate.limits.upstream-response-bytes must be between 1 byte and 2 GiB");
        }
    }
}
