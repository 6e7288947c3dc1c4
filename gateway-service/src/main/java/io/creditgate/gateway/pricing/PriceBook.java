package io.creditgate.gateway.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.creditgate.schemas.model.ModelNames;

/**
 * Every price the gateway knows at one moment, immutable: LiteLLM's catalogue, the operator's configured table
 * ({@code creditgate.prices}) and the admins' changes, each change with its effective time. A model's price is the
 * first of: its latest change in effect (unless that is a RESET), its configured price, its catalogue price — for
 * the name as asked, then without provider prefixes, then without a snapshot date ({@link ModelNames#candidates}),
 * after following an alias. {@link PriceTable} swaps in a new book when changes arrive.
 */
final class PriceBook {

    private final PriceCatalogue catalogue;
    private final Map<String, ModelPrice> configured;
    private final Map<String, List<PriceChange>> priceChanges;
    private final Map<String, List<PriceChange>> aliasChanges;
    private final long lastChangeId;

    private PriceBook(PriceCatalogue catalogue, Map<String, ModelPrice> configured,
                      Map<String, List<PriceChange>> priceChanges, Map<String, List<PriceChange>> aliasChanges,
                      long lastChangeId) {
        this.catalogue = catalogue;
        this.configured = configured;
        this.priceChanges = priceChanges;
        this.aliasChanges = aliasChanges;
        this.lastChangeId = lastChangeId;
    }

    static PriceBook of(PriceCatalogue catalogue, Map<String, ModelPrice> configured) {
        return new PriceBook(catalogue, Map.copyOf(configured), Map.of(), Map.of(), 0);
    }

    /** This book with {@code changes} (newer than {@link #lastChangeId}, in id order) applied. */
    PriceBook with(List<PriceChange> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, List<PriceChange>> prices = copy(priceChanges);
        Map<String, List<PriceChange>> aliases = copy(aliasChanges);
        long last = lastChangeId;
        for (PriceChange change : changes) {
            if (change.id() <= last) {
                throw new IllegalArgumentException("change " + change.id() + " is not newer than " + last);
            }
            last = change.id();
            (change.aboutAliases() ? aliases : prices).computeIfAbsent(change.model(), m -> new ArrayList<>()).add(change);
        }
        prices.values().forEach(list -> list.sort(PriceChange.IN_EFFECT_ORDER));
        aliases.values().forEach(list -> list.sort(PriceChange.IN_EFFECT_ORDER));
        return new PriceBook(catalogue, configured, freeze(prices), freeze(aliases), last);
    }

    long lastChangeId() {
        return lastChangeId;
    }

    String catalogueVersion() {
        return catalogue.version();
    }

    /** The price of a call of {@code model} made at {@code now}, if it has one. */
    Optional<PricedModel> resolve(String model, Instant now) {
        String target = aliasTarget(model, now).orElse(model);
        // The name as written nearly always has a price: look it up before building the other candidates.
        Optional<PricedModel> exact = ownPrice(target, now);
        if (exact.isPresent()) {
            return exact;
        }
        for (String candidate : ModelNames.candidates(target)) {
            Optional<PricedModel> priced = ownPrice(candidate, now);
            if (priced.isPresent()) {
                return priced;
            }
        }
        return Optional.empty();
    }

    /** The model {@code alias} means at {@code now}, if it is an alias then. */
    Optional<String> aliasTarget(String alias, Instant now) {
        PriceChange latest = inEffect(aliasChanges.get(alias), now);
        return latest != null && latest.action() == PriceChange.Action.ALIAS ? Optional.of(latest.aliasOf())
                : Optional.empty();
    }

    /** Every model with a price of its own at {@code now} (catalogue, configured or set), by name. */
    Map<String, PricedModel> all(Instant now) {
        TreeSet<String> names = new TreeSet<>(catalogue.prices().keySet());
        names.addAll(configured.keySet());
        names.addAll(priceChanges.keySet());
        Map<String, PricedModel> all = new TreeMap<>();
        for (String name : names) {
            ownPrice(name, now).ifPresent(priced -> all.put(name, priced));
        }
        return all;
    }

    /**
     * The models an operator chose (configured, or priced or aliased by an admin), which {@code GET /v1/models}
     * lists when the upstream cannot be asked: the catalogue's hundreds of models would drown a chat's model menu.
     */
    Map<String, PricedModel> chosen(Instant now) {
        Map<String, PricedModel> chosen = new TreeMap<>();
        for (String name : configured.keySet()) {
            ownPrice(name, now).ifPresent(priced -> chosen.put(name, priced));
        }
        for (String name : priceChanges.keySet()) {
            ownPrice(name, now).ifPresent(priced -> chosen.put(name, priced));
        }
        for (String alias : aliasChanges.keySet()) {
            if (aliasTarget(alias, now).isPresent()) {
                resolve(alias, now).ifPresent(priced -> chosen.put(alias, priced));
            }
        }
        return chosen;
    }

    /** Every alias in effect at {@code now} and the model it means. */
    Map<String, String> aliases(Instant now) {
        Map<String, String> aliases = new TreeMap<>();
        for (String alias : aliasChanges.keySet()) {
            aliasTarget(alias, now).ifPresent(target -> aliases.put(alias, target));
        }
        return aliases;
    }

    private Optional<PricedModel> ownPrice(String name, Instant now) {
        PriceChange latest = inEffect(priceChanges.get(name), now);
        if (latest != null && latest.action() == PriceChange.Action.SET) {
            return Optional.of(new PricedModel(name, latest.price(), latest.version()));
        }
        ModelPrice price = configured.get(name);
        if (price != null) {
            return Optional.of(new PricedModel(name, price, PricedModel.CONFIG));
        }
        price = catalogue.prices().get(name);
        return price != null ? Optional.of(new PricedModel(name, price, catalogue.version())) : Optional.empty();
    }

    /** The last change of a list (in effect order) whose effective time has come, or null. */
    private static PriceChange inEffect(List<PriceChange> changes, Instant now) {
        if (changes == null) {
            return null;
        }
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (!changes.get(i).effectiveAt().isAfter(now)) {
                return changes.get(i);
            }
        }
        return null;
    }

    private static Map<String, List<PriceChange>> copy(Map<String, List<PriceChange>> changes) {
        Map<String, List<PriceChange>> copy = new HashMap<>();
        changes.forEach((model, list) -> copy.put(model, new ArrayList<>(list)));
        return copy;
    }

    private static Map<String, List<PriceChange>> freeze(Map<String, List<PriceChange>> changes) {
        Map<String, List<PriceChange>> frozen = new HashMap<>();
        changes.forEach((model, list) -> frozen.put(model, List.copyOf(list)));
        return Map.copyOf(frozen);
    }
}
