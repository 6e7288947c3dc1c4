package io.creditgate.gateway.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.web.OpenAiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The prices in use: one immutable {@link PriceBook}, swapped whole when admins' changes arrive
 * ({@link PriceRefresher}), so a call reads one consistent table without a lock. A model without a price is refused,
 * or charged at the operator's default rate and reported ({@code creditgate.pricing.unpriced-models}).
 */
@Component
public class PriceTable {

    private static final Logger log = LoggerFactory.getLogger(PriceTable.class);
    private static final long UNPRICED_LOG_INTERVAL_MILLIS = 3_600_000;

    private final AtomicReference<PriceBook> book;
    private final PriceStore store;
    private final PriceSourceProperties source;
    private final MeterRegistry registry;
    private final Map<String, Long> unpricedLoggedAt = new ConcurrentHashMap<>();
    private volatile boolean changesLoaded;

    PriceTable(PricingProperties configured, PriceSourceProperties source, ResourceLoader resources, PriceStore store,
               MeterRegistry registry) {
        PriceCatalogue catalogue = PriceSourceProperties.NO_CATALOGUE.equals(source.catalogue()) ? PriceCatalogue.empty()
                : PriceCatalogue.load(resources.getResource(source.catalogue()));
        this.book = new AtomicReference<>(PriceBook.of(catalogue, configured.prices()));
        this.store = store;
        this.source = source;
        this.registry = registry;
        Gauge.builder("creditgate.prices.last.change", this, table -> table.book.get().lastChangeId())
                .description("The id of the last price change this gateway applies").register(registry);
        Gauge.builder("creditgate.prices.changes.loaded", this, table -> table.changesLoaded ? 1 : 0)
                .description("1 once this gateway has read the admins' price changes from PostgreSQL").register(registry);
        log.info("Price catalogue {}: {} models; {} configured prices", catalogue.version(), catalogue.prices().size(),
                configured.prices().size());
    }

    /** The price of a call of {@code model} now, if it has one (aliases, provider prefixes and snapshots resolved). */
    public Optional<PricedModel> find(String model) {
        return book.get().resolve(model, Instant.now());
    }

    /**
     * The price of a call of {@code model} now; for a model without one, the default rate (reported) or a 400
     * {@code model_not_found}, as the operator chose.
     */
    public PricedModel require(String model) {
        Optional<PricedModel> priced = find(model);
        if (priced.isPresent()) {
            return priced.get();
        }
        Counter.builder("creditgate.calls.unpriced").tag("model", model)
                .tag("handling", source.unpricedModels().name().toLowerCase(java.util.Locale.ROOT))
                .description("Calls of a model without a price, refused or charged at the default rate")
                .register(registry).increment();
        if (source.unpricedModels() == PriceSourceProperties.UnpricedModels.DEFAULT_RATE) {
            logUnpriced(model);
            return new PricedModel("", source.defaultPrice(), PricedModel.DEFAULT_RATE);
        }
        throw OpenAiError.invalidRequest("model_not_found", "The model '" + model + "' has no price here, so its calls"
                + " cannot be charged and are refused. GET /v1/models lists the models you can use; an admin can price"
                + " this one on the dashboard's Prices page.", "model").asException();
    }

    /** Whether a model without a price is charged at the default rate (else refused). */
    public boolean chargesUnpricedAtDefaultRate() {
        return source.unpricedModels() == PriceSourceProperties.UnpricedModels.DEFAULT_RATE;
    }

    PriceStore store() {
        return store;
    }

    /** Every model with a price of its own now, by name. */
    public Map<String, PricedModel> all() {
        return book.get().all(Instant.now());
    }

    /** The models the operator chose (configured, priced or aliased by an admin): {@code GET /v1/models}' fallback. */
    public Map<String, PricedModel> chosen() {
        return book.get().chosen(Instant.now());
    }

    /** Every alias in effect now and the model it means. */
    public Map<String, String> aliases() {
        return book.get().aliases(Instant.now());
    }

    public String catalogueVersion() {
        return book.get().catalogueVersion();
    }

    public long lastChangeId() {
        return book.get().lastChangeId();
    }

    /** Whether the admins' changes have been read at least once (false while PostgreSQL was down since start). */
    public boolean changesLoaded() {
        return changesLoaded;
    }

    /** Applies the changes made since the last one applied (by any gateway). Blocking: call off the event loop. */
    synchronized void refresh() {
        List<PriceChange> changes = store.since(book.get().lastChangeId());
        if (!changes.isEmpty()) {
            book.set(book.get().with(changes));
            log.info("Applied {} price change(s), up to change-{}", changes.size(), book.get().lastChangeId());
        }
        changesLoaded = true;
    }

    /** Records a change, then applies it (and any other new one) here at once. Blocking. */
    PriceChange record(PriceChange change) {
        PriceChange recorded = store.insert(change);
        refresh();
        return recorded;
    }

    /** The price {@code model} would have at {@code at} (a scheduled change's effect), if any. */
    Optional<PricedModel> findAt(String model, Instant at) {
        return book.get().resolve(model, at);
    }

    Optional<String> aliasTarget(String alias, Instant at) {
        return book.get().aliasTarget(alias, at);
    }

    private void logUnpriced(String model) {
        long now = System.currentTimeMillis();
        Long last = unpricedLoggedAt.get(model);
        if (last == null || now - last > UNPRICED_LOG_INTERVAL_MILLIS) {
            unpricedLoggedAt.put(model, now);
            log.warn("Model '{}' has no price: its calls are charged at the default rate (creditgate.pricing."
                    + "default-price) until an admin prices it", model);
        }
    }
}
