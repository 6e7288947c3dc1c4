package io.creditgate.gateway.pricing;

import java.time.Instant;
import java.util.List;

/** The JSON of the price-change API ({@code /api/admin/price-changes}), for the OpenAPI document and the handler. */
final class PriceChangesApi {

    private PriceChangesApi() {
    }

    /**
     * {@code POST /api/admin/price-changes}.
     *
     * @param action SET, RESET, ALIAS or UNALIAS
     * @param model the model (SET, RESET) or alias (ALIAS, UNALIAS)
     * @param price the new rates (SET): input and output required, in credits per token
     * @param aliasOf the model the alias means (ALIAS)
     * @param effectiveAt when it applies (ISO-8601); omitted: at once. Never in the past: history is never re-priced
     * @param reason why, for the audit log (required)
     */
    record ChangeRequest(String action, String model, ModelPrice price, String aliasOf, Instant effectiveAt,
                         String reason) {
    }

    /**
     * One change as recorded.
     *
     * @param id its number
     * @param version the price version calls charged at it carry ({@code change-<id>})
     */
    record ChangeView(long id, String version, String action, String model, ModelPrice price, String aliasOf,
                      Instant effectiveAt, String actor, String reason, Instant recordedAt) {

        static ChangeView of(PriceChange change) {
            return new ChangeView(change.id(), change.version(), change.action().name(), change.model(), change.price(),
                    change.aliasOf(), change.effectiveAt(), change.actor(), change.reason(), change.recordedAt());
        }
    }

    /** {@code GET /api/admin/price-changes}: one page of the history, newest first. */
    record ChangePage(String model, int page, int size, long totalItems, List<ChangeView> items) {
    }
}
