package io.creditgate.ledger.reconciliation;

import java.time.LocalDate;

import io.creditgate.web.ApiException;
import org.springframework.http.HttpStatus;

/** Runs a report, or says why it cannot: not configured, or the provider unavailable (both 503). */
class ReconciliationRuns {

    private final Reconciliation reconciliation;
    private final String notConfigured;
    private final ReconciliationMetrics metrics;

    /** Exactly one of {@code reconciliation} and {@code notConfigured} is null. */
    ReconciliationRuns(Reconciliation reconciliation, String notConfigured, ReconciliationMetrics metrics) {
        this.reconciliation = reconciliation;
        this.notConfigured = notConfigured;
        this.metrics = metrics;
    }

    ReconciliationReport run(LocalDate from, LocalDate to) {
        if (reconciliation == null) {
            metrics.run("not_configured");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "reconciliation_not_configured", notConfigured);
        }
        try {
            ReconciliationReport report = reconciliation.report(from, to);
            metrics.ran(report);
            return report;
        } catch (ProviderSource.SourceUnavailableException e) {
            metrics.run("unavailable");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "reconciliation_source_unavailable",
                    "the provider's usage could not be read: " + e.getMessage());
        }
    }
}
