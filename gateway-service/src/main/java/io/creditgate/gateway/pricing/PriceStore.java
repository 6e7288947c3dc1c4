package io.creditgate.gateway.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.creditgate.gateway.database.GatewayDatabase;

/**
 * The admins' price changes in PostgreSQL ({@code price_change}, append-only: the audit log and the runtime source
 * at once). Blocking: call off the event loop.
 */
@Component
class PriceStore {

    private static final String COLUMNS = "id, action, model, input, cached_input, cache_write, output, reasoning,"
            + " max_output_tokens, context_window, alias_of, effective_at, actor, reason, recorded_at,"
            + " long_context_above_tokens, long_context_input, long_context_cached_input, long_context_cache_write,"
            + " long_context_output, long_context_reasoning";

    private final GatewayDatabase database;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PriceStore(GatewayDatabase database) {
        this.database = database;
        this.jdbc = JdbcClient.create(database.dataSource());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    }

    /**
     * Records a change and returns it with its id. Changes are made one at a time (a table lock), so ids are
     * committed in order and a gateway that has applied change n can never later find an n - 1 it missed.
     */
    PriceChange insert(PriceChange change) {
        database.ensureSchema();
        return transactions.execute(status -> {
            jdbc.sql("LOCK TABLE price_change IN EXCLUSIVE MODE").update();
            ModelPrice price = change.price();
            ModelPrice.LongContext tier = price != null ? price.longContext() : null;
            long id = jdbc.sql("INSERT INTO price_change (action, model, input, cached_input, cache_write, output,"
                            + " reasoning, max_output_tokens, context_window, alias_of, effective_at, actor, reason,"
                            + " recorded_at, long_context_above_tokens, long_context_input, long_context_cached_input,"
                            + " long_context_cache_write, long_context_output, long_context_reasoning)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .params(change.action().name(), change.model(),
                            price != null ? price.input() : null, price != null ? price.cachedInput() : null,
                            price != null ? price.cacheWrite() : null, price != null ? price.output() : null,
                            price != null ? price.reasoning() : null, price != null ? price.maxOutputTokens() : null,
                            price != null ? price.contextWindow() : null, change.aliasOf(),
                            Timestamp.from(change.effectiveAt()), change.actor(), change.reason(),
                            Timestamp.from(change.recordedAt()), tier != null ? tier.aboveTokens() : null,
                            tier != null ? tier.input() : null, tier != null ? tier.cachedInput() : null,
                            tier != null ? tier.cacheWrite() : null, tier != null ? tier.output() : null,
                            tier != null ? tier.reasoning() : null)
                    .query(Long.class).single();
            return new PriceChange(id, change.action(), change.model(), price, change.aliasOf(), change.effectiveAt(),
                    change.actor(), change.reason(), change.recordedAt());
        });
    }

    /** Every change after {@code id}, oldest first. */
    List<PriceChange> since(long id) {
        database.ensureSchema();
        return jdbc.sql("SELECT " + COLUMNS + " FROM price_change WHERE id > ? ORDER BY id").param(id)
                .query(PriceStore::change).list();
    }

    /** One page of the history, newest first, of one model (or alias) or of all. */
    List<PriceChange> page(String model, int offset, int limit) {
        database.ensureSchema();
        return model == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM price_change ORDER BY id DESC LIMIT ? OFFSET ?")
                        .params(limit, offset).query(PriceStore::change).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM price_change WHERE model = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                        .params(model, limit, offset).query(PriceStore::change).list();
    }

    long count(String model) {
        database.ensureSchema();
        return model == null ? jdbc.sql("SELECT count(*) FROM price_change").query(Long.class).single()
                : jdbc.sql("SELECT count(*) FROM price_change WHERE model = ?").param(model).query(Long.class).single();
    }

    private static PriceChange change(ResultSet row, int rowNumber) throws SQLException {
        PriceChange.Action action = PriceChange.Action.valueOf(row.getString("action"));
        ModelPrice price = action != PriceChange.Action.SET ? null
                : new ModelPrice(decimal(row, "input"), decimal(row, "cached_input"), decimal(row, "cache_write"),
                        decimal(row, "output"), decimal(row, "reasoning"), (Long) row.getObject("max_output_tokens", Long.class),
                        (Long) row.getObject("context_window", Long.class), longContext(row));
        return new PriceChange(row.getLong("id"), action, row.getString("model"), price, row.getString("alias_of"),
                instant(row, "effective_at"), row.getString("actor"), row.getString("reason"),
                instant(row, "recorded_at"));
    }

    private static ModelPrice.LongContext longContext(ResultSet row) throws SQLException {
        Long above = row.getObject("long_context_above_tokens", Long.class);
        return above == null ? null : new ModelPrice.LongContext(above, decimal(row, "long_context_input"),
                decimal(row, "long_context_cached_input"), decimal(row, "long_context_cache_write"),
                decimal(row, "long_context_output"), decimal(row, "long_context_reasoning"));
    }

    private static BigDecimal decimal(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value != null ? ModelPrice.plain(value) : null;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getTimestamp(column).toInstant();
    }
}
