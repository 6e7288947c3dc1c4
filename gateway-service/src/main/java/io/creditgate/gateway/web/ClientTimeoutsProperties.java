package io.creditgate.gateway.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for a client that sends slowly (slowloris): each holds a connection and its buffers.
 *
 * @param head the longest a client may take to send a complete request line and headers, counted from the request's
 *     first byte; beyond it the connection is answered 408 and closed
 * @param bodyRead the longest silence between two reads of a request body
 * @param body the longest a whole request body may take to arrive
 */
@ConfigurationProperties("creditgate.client-timeouts")
public record ClientTimeoutsProperties(
        @DefaultValue("20s") Duration head,
        @DefaultValue("30s") Duration bodyRead,
        @DefaultValue("2m") Duration body) {

    public ClientTimeoutsProperties {
        for (Duration timeout : new Duration[] {head, bodyRead, body}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("creditgate.client-timeouts.* must be positive, was " + timeout);
            }
        }
    }
}
