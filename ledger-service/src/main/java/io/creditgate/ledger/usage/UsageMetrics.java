package io.creditgate.ledger.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Meters of the usage intake; the names are the contract of the dashboards. */
@Component
class UsageMetrics {

    final Counter charged;
    final Counter duplicates;
    final Counter unreadable;
    final Counter rejected;
    /** From receiving the record to the commit of its charge (dedupe row, event, read model). */
    final Timer fold;

    UsageMetrics(MeterRegistry registry) {
        charged = Counter.builder("ledger.usage.charged").description("UsageRecorded events charged").register(registry);
        duplicates = Counter.builder("ledger.usage.duplicates")
                .description("UsageRecorded events skipped because their eventId was folded before").register(registry);
        unreadable = Counter.builder("ledger.usage.unreadable")
                .description("records on the usage topic that are not a readable UsageRecorded; dead-lettered").register(registry);
        rejected = Counter.builder("ledger.usage.rejected")
                .description("UsageRecorded events that break an account rule (e.g. negative cost) or name an invalid user id; dead-lettered").register(registry);
        fold = Timer.builder("ledger.usage.fold.latency").description("time to fold one UsageRecorded")
                .publishPercentileHistogram().register(registry);
    }
}
