package io.creditgate.gateway.metrics;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Measures what the gateway adds to a metered call: the whole exchange (request received to answer written)
 * minus the upstream's part (request sent to the upstream's last byte). Only exchanges that reached the
 * upstream and were answered in full are measured; a client that left tells nothing about the gateway.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AddedLatency implements WebFilter {

    private final GatewayMetrics metrics;

    AddedLatency(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CallTiming timing = new CallTiming(System.nanoTime());
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    long upstream = timing.upstreamNanos();
                    if (upstream >= 0) {
                        long total = System.nanoTime() - timing.arrivedNanos();
                        metrics.addedLatency(timing.stream(), Math.max(0, total - upstream));
                    }
                })
                .contextWrite(Context.of(CallTiming.class, timing));
    }
}
