package io.creditgate.ledger.replay;

import java.time.Instant;
import java.util.List;

/**
 * What an audit replay found: every broken hash chain (first broken link per account and source) and every difference
 * between the fold and the ledger. {@code ok} when both lists are empty.
 *
 * @param source what was folded: {@code JOURNAL_TOPIC} or {@code EVENT_STORE}
 * @param events journal events folded (from the source, up to the event store's snapshot)
 * @param storedEvents journal events whose links were checked in the event store
 * @param repeatedEntries entries of the journal topic published again after a crash and skipped
 */
public record ReplayReport(Instant startedAt, String source, long events, long storedEvents, long accounts,
        long durationMillis, long eventsPerSecond, long repeatedEntries, boolean ok, List<BrokenLink> brokenLinks,
        List<Discrepancy> discrepancies) {

    public static final String EVENT_STORE = "event-store";
    public static final String JOURNAL_TOPIC = "journal-topic";

    /**
     * The first link of an account's chain that does not hold, in {@code source} ({@value #EVENT_STORE} or
     * {@value #JOURNAL_TOPIC}); the event at {@code sequence} or the one before it changed.
     */
    public record BrokenLink(String userId, String source, long sequence, String expectedHash, String foundHash,
            String reason) {
    }

    /**
     * A figure on which the fold and the ledger disagree ({@code null} = absent on that side). For the journal itself
     * ({@code journal version}, {@code journal head hash}) "ledger" is the event store and "replay" the topic.
     */
    public record Discrepancy(String userId, String field, String ledger, String replay) {
    }

    /** The report as a human table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Audit replay (source: %s): %,d events folded, %,d links checked in the event store, "
                + "%,d account(s), %,d ms (%,d events/s): %s%n", source, events, storedEvents, accounts, durationMillis,
                eventsPerSecond, ok ? "OK" : "FAILED"));
        if (repeatedEntries > 0) {
            out.append(String.format("(%,d journal topic entries were published twice and read once)%n", repeatedEntries));
        }
        if (!brokenLinks.isEmpty()) {
            out.append(String.format("%nBroken hash chains%n%-40s %-13s %10s  %-64s  %-64s  %s%n", "account", "source",
                    "sequence", "expected previous hash", "found", "reason"));
            for (BrokenLink link : brokenLinks) {
                out.append(String.format("%-40s %-13s %10d  %-64s  %-64s  %s%n", link.userId(), link.source(),
                        link.sequence(), link.expectedHash(), link.foundHash(), link.reason()));
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
