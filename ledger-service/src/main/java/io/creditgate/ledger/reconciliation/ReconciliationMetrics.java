package io.creditgate.ledger.reconciliation;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.reconciliation.runs{result}} (ok, flagged, unavailable, not_configured),
 * {@code ledger.reconciliation.flagged.rows} (day rows flagged, summed over runs) and the gauge
 * {@code ledger.reconciliation.last.flagged.rows} (the last report's flagged day rows), for an alert on drift.
 */
@Component
class ReconciliationMetrics {

    private final MeterRegistry registry;
    private final Counter flaggedRows;
    private final AtomicInteger lastFlaggedRows = new AtomicInteger();

    ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.flaggedRows = Counter.builder("ledger.reconciliation.flagged.rows")
                .description("day and model rows of reconciliation reports flagged beyond the tolerance").register(registry);
        Gauge.builder("ledger.reconciliation.last.flagged.rows", lastFlaggedRows, AtomicInteger::get)
                .description("flagged day and model rows of the last reconciliation report").register(registry);
    }

    void ran(ReconciliationReport report) {
        run(report.flaggedRows() > 0 ? "flagged" : "ok");
        flaggedRows.increment(report.flaggedRows());
        lastFlaggedRows.set(report.flaggedRows());
    }

    void run(String result) {
        Counter.builder("ledger.reconciliation.runs").tag("result", result)
                .description("reconciliation reports asked for, by result").register(registry).increment();
    }
}
