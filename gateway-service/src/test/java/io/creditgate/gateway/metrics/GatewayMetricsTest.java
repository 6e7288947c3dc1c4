package io.creditgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void theCountersAlertsWatchExistAtZeroBeforeTheirFirstEvent() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new GatewayMetrics(registry);
        assertThat(GatewayMetrics.ALERTED_COUNTERS).containsExactlyInAnyOrder("creditgate.usage.publish.failures",
                "creditgate.usage.spooled", "creditgate.usage.lost", "creditgate.reservations.expired",
                "creditgate.journal.failed");
        for (String name : GatewayMetrics.ALERTED_COUNTERS) {
            Counter counter = registry.find(name).counter();
            assertThat(counter).as(name).isNotNull();
            assertThat(counter.count()).as(name).isZero();
        }
    }

    @Test
    void theEventsCountOnThePreRegisteredCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        metrics.usageLost();
        metrics.publishFailed();
        metrics.spooled();
        metrics.spooled();
        metrics.reservationsExpired(3);
        metrics.reservationsExpired(0);
        assertThat(registry.find("creditgate.usage.lost").counters()).singleElement()
                .extracting(Counter::count).isEqualTo(1.0);
        assertThat(registry.get("creditgate.usage.publish.failures").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("creditgate.usage.spooled").counter().count()).isEqualTo(2.0);
        assertThat(registry.find("creditgate.reservations.expired").counters()).singleElement()
                .extracting(Counter::count).isEqualTo(3.0);
    }
}
