package io.creditgate.gateway.pricing;

import java.time.Instant;
import java.util.Comparator;

/**
 * One change an admin made to the price table, as stored (append-only) and applied by every gateway.
 *
 * @param id the change's number; {@code change-<id>} is the price version of calls charged at its price
 * @param action what it does
 * @param model the model (SET, RESET) or the alias (ALIAS, UNALIAS) it is about
 * @param price the new price (SET only)
 * @param aliasOf the model an alias means (ALIAS only)
 * @param effectiveAt from when it applies; calls before it keep the earlier price
 * @param actor who made it (the signed-in admin)
 * @param reason why, in the admin's words
 * @param recordedAt when it was made
 */
public record PriceChange(long id, Action action, String model, ModelPrice price, String aliasOf, Instant effectiveAt,
                          String actor, String reason, Instant recordedAt) {

    /** The order changes of one model take effect in: by effective time, then by the order they were made. */
    static final Comparator<PriceChange> IN_EFFECT_ORDER =
            Comparator.comparing(PriceChange::effectiveAt).thenComparingLong(PriceChange::id);

    public enum Action {
        /** The model costs {@code price} from {@code effectiveAt} on. */
        SET,
        /** The model goes back to its configured or catalogue price. */
        RESET,
        /** The name means {@code aliasOf} (an operator's own model name, e.g. LiteLLM's {@code model_name}). */
        ALIAS,
        /** The alias is gone. */
        UNALIAS
    }

    public PriceChange {
        if (action == Action.SET && price == null) {
            throw new IllegalArgumentException("a SET change needs a price");
        }
        if (action == Action.ALIAS && (aliasOf == null || aliasOf.isBlank())) {
            throw new IllegalArgumentException("an ALIAS change needs the model it means");
        }
    }

    String version() {
        return "change-" + id;
    }

    boolean aboutAliases() {
        return action == Action.ALIAS || action == Action.UNALIAS;
    }
}
