package io.creditgate.ledger.replay;

import java.time.Instant;
import java.util.List;

/**
 * What an audit replay found: every broken hash chain (first broken link per account) and every difference
 * between the fold of the journal and the ledger's read model. {@code ok} when both lists are empty.
 */
public record ReplayReport(Instant startedAt, long events, long accounts, long durationMillis, long eventsPerSecond,
        boolean ok, List<BrokenLink> brokenLinks, List<Discrepancy> discrepancies) {

    /** The first link of an account's chain that does not hold; the event at {@code sequence} or the one before it changed. */
    public record BrokenLink(String userId, long sequence, String expectedHash, String foundHash, String reason) {
    }

    /** A figure on which the replay and the ledger's read model disagree ({@code null} = absent on that side). */
    public record Discrepancy(String userId, String field, String ledger, String replay) {
    }

    /** The report as a human table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Audit replay: %,d events, %,d accounts, %,d ms (%,d events/s): %s%n", events, accounts,
                durationMillis, eventsPerSecond, ok ? "OK" : "FAILED"));
        if (!brokenLinks.isEmpty()) {
            out.append(String.format("%nBroken hash chains%n%-40s %10s  %-64s  %-64s  %s%n", "account", "sequence",
                    "expected previous hash", "found", "reason"));
            for (BrokenLink link : brokenLinks) {
                out.append(String.format("%-40s %10d  %-64s  %-64s  %s%n", link.userId(), link.sequence(),
                        link.expectedHash(), link.foundHash(), link.reason()));
            }
        }
        if (!discrepancies.isEmpty()) {
            out.append(String.format("%nDiscrepancies%n%-40s %-32s %20s %20s%n", "account", "field", "ledger", "replay"));
            for (Discrepancy d : discrepancies) {
                out.append(String.format("%-40s %-32s %20s %20s%n", d.userId(), d.field(), d.ledger(), d.replay()));
            }
        }
        return out.toString();
    }
}
