package io.creditgate.ledger.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.creditgate.ledger.reconciliation.ReconciliationReport.ReconciliationDrift;
import io.creditgate.ledger.reconciliation.ReconciliationReport.OurSide;
import io.creditgate.ledger.reconciliation.ReconciliationReport.ReconciliationRow;
import io.creditgate.ledger.reconciliation.ReconciliationReport.Side;
import io.creditgate.ledger.reconciliation.ReconciliationReport.TheirSide;

/**
 * Puts the two sides of a range of days together: reads the provider, then the ledger's lines, and compares them per
 * day and model family and over the whole range per model.
 */
class Reconciliation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int DRIFT_SCALE = 2;

    private final ProviderSource source;
    private final OurUsage ours;
    private final BigDecimal tolerancePercent;
    private final Clock clock;

    Reconciliation(ProviderSource source, OurUsage ours, BigDecimal tolerancePercent, Clock clock) {
        this.source = source;
        this.ours = ours;
        this.tolerancePercent = tolerancePercent;
        this.clock = clock;
    }

    /**
     * The report of {@code [from, to]}. The provider is read first, so that a call made meanwhile is on our side
     * rather than missing from it (the provider's own record lags behind anyway).
     *
     * @throws ProviderSource.SourceUnavailableException when the provider cannot be read
     */
    ReconciliationReport report(LocalDate from, LocalDate to) {
        List<ProviderUsage> theirs = source.read(from, to);
        var readAt = clock.instant();
        List<OurUsage.Usage> our = ours.read(from, to);
        Map<String, Pair> byDay = new TreeMap<>();
        Map<String, Pair> byModel = new TreeMap<>();
        for (OurUsage.Usage usage : our) {
            byDay.computeIfAbsent(usage.day() + "|" + usage.model(), k -> new Pair(usage.day(), usage.model())).add(usage);
            byModel.computeIfAbsent(usage.model(), k -> new Pair(null, usage.model())).add(usage);
        }
        for (ProviderUsage usage : theirs) {
            byDay.computeIfAbsent(usage.day() + "|" + usage.model(), k -> new Pair(usage.day(), usage.model())).add(usage);
            byModel.computeIfAbsent(usage.model(), k -> new Pair(null, usage.model())).add(usage);
        }
        List<ReconciliationRow> rows = new ArrayList<>(byDay.values().stream().map(this::row).toList());
        rows.sort(Comparator.comparing(ReconciliationRow::day).thenComparing(ReconciliationRow::model));
        List<ReconciliationRow> totals = byModel.values().stream().map(this::row).toList();
        int flagged = (int) rows.stream().filter(ReconciliationRow::flagged).count();
        return new ReconciliationReport(from, to, source.name(), readAt, tolerancePercent, flagged, rows, totals);
    }

    /** Both sides of one day and model (or of a model over the range), as they are summed. */
    private static final class Pair {
        final LocalDate day;
        final String model;
        boolean hasOurs;
        boolean hasTheirs;
        long calls, estimated, input, cached, output, cost;
        long requests, theirInput, theirCached, theirOutput;

        Pair(LocalDate day, String model) {
            this.day = day;
            this.model = model;
        }

        void add(OurUsage.Usage usage) {
            hasOurs = true;
            calls += usage.calls();
            estimated += usage.estimatedCalls();
            input += usage.inputTokens();
            cached += usage.cachedInputTokens();
            output += usage.outputTokens();
            cost += usage.costCredits();
        }

        void add(ProviderUsage usage) {
            hasTheirs = true;
            requests += usage.requests();
            theirInput += usage.inputTokens();
            theirCached += usage.cachedInputTokens();
            theirOutput += usage.outputTokens();
        }
    }

    private ReconciliationRow row(Pair pair) {
        Side side = pair.hasOurs && pair.hasTheirs ? Side.BOTH : pair.hasOurs ? Side.OURS_ONLY : Side.THEIRS_ONLY;
        List<String> flaggedMeasures = new ArrayList<>();
        ReconciliationDrift drift = new ReconciliationDrift(
                drift("requests", pair.calls, pair.requests, flaggedMeasures),
                drift("inputTokens", pair.input, pair.theirInput, flaggedMeasures),
                drift("cachedInputTokens", pair.cached, pair.theirCached, flaggedMeasures),
                drift("outputTokens", pair.output, pair.theirOutput, flaggedMeasures));
        // A row only one side has is a discrepancy even when that side counted nothing but calls of zero tokens.
        boolean flagged = !flaggedMeasures.isEmpty() || side != Side.BOTH;
        return new ReconciliationRow(pair.day, pair.model, side,
                new OurSide(pair.calls, pair.estimated, pair.input, pair.cached, pair.output, pair.cost),
                new TheirSide(pair.requests, pair.theirInput, pair.theirCached, pair.theirOutput), drift,
                List.copyOf(flaggedMeasures), flagged);
    }

    /** (ours − theirs) / theirs × 100, or null when theirs is 0; adds the measure to {@code flagged} when off. */
    private BigDecimal drift(String measure, long ours, long theirs, List<String> flagged) {
        if (theirs == 0) {
            if (ours != 0) {
                flagged.add(measure);
            }
            return null;
        }
        BigDecimal exact = BigDecimal.valueOf(ours - theirs).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(theirs), 10, RoundingMode.HALF_EVEN);
        if (exact.abs().compareTo(tolerancePercent) > 0) {
            flagged.add(measure);
        }
        return exact.setScale(DRIFT_SCALE, RoundingMode.HALF_EVEN);
    }
}
