package io.creditgate.ledger.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Creditgate's metered usage beside the provider's, per UTC day and model family, with the drift of each measure.
 *
 * @param from the first UTC day
 * @param to the last UTC day (inclusive)
 * @param source where the provider's side was read: {@code openai} or {@code litellm}
 * @param readAt when the provider's side was read
 * @param tolerancePercent a measure whose |drift| is above this flags its row
 * @param flaggedRows how many day rows are flagged
 * @param rows one per day and model that either side has, by day then model
 * @param totals one per model over the whole range, by model
 */
public record ReconciliationReport(LocalDate from, LocalDate to, String source, Instant readAt,
                                   BigDecimal tolerancePercent, int flaggedRows, List<ReconciliationRow> rows,
                                   List<ReconciliationRow> totals) {

    /** Which side has usage for a row. */
    public enum Side { BOTH, OURS_ONLY, THEIRS_ONLY }

    /**
     * One day and model (or the whole range, {@code day} null, in the totals).
     *
     * @param model the model family (no provider prefix, no snapshot date: {@code gpt-4o-mini})
     * @param drift per measure, (ours − theirs) / theirs × 100, rounded to 2 decimals; a measure is null when the
     *        provider's count is 0 (then it is flagged unless ours is 0 too)
     * @param flaggedMeasures the measures whose |drift| is above the tolerance, or whose provider count is 0 while
     *        ours is not; a row on one side only flags every measure that side counted
     * @param flagged true when any measure is flagged
     */
    public record ReconciliationRow(LocalDate day, String model, Side side, OurSide ours, TheirSide theirs, ReconciliationDrift drift,
                      List<String> flaggedMeasures, boolean flagged) {
    }

    /**
     * Creditgate's side.
     *
     * @param calls every call charged (those refused by the upstream too, at zero tokens)
     * @param estimatedCalls calls Creditgate counted itself because the upstream reported no usage
     * @param costCredits what the users were charged, in credits (1 credit = 1 micro-USD)
     */
    public record OurSide(long calls, long estimatedCalls, long inputTokens, long cachedInputTokens, long outputTokens,
                       long costCredits) {
    }

    /** The provider's side: requests and tokens (input with cached, output with reasoning). */
    public record TheirSide(long requests, long inputTokens, long cachedInputTokens, long outputTokens) {
    }

    /** Percent per measure; null where the provider counted 0. */
    public record ReconciliationDrift(BigDecimal requests, BigDecimal inputTokens, BigDecimal cachedInputTokens,
                        BigDecimal outputTokens) {
    }
}
