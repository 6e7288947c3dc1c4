package io.creditgate.payment.purchase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.creditgate.payment.purchase.PurchaseView.DisputeView;
import io.creditgate.payment.purchase.PurchaseView.RefundView;
import io.creditgate.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads purchases, refunds and disputes for the listings. */
@Component
public class PurchaseViews {

    private final NamedParameterJdbcTemplate jdbc;

    PurchaseViews(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of the finance listings; null means any. {@code to} is exclusive. */
    public record Filter(String userId, String method, String status, Instant from, Instant to) {
    }

    /** One page and how many match in all. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public PurchaseView of(String purchaseId) {
        List<PurchaseView> found = purchases(new Filter(null, null, null, null, null), purchaseId, 0, 1);
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "purchase_not_found", "There is no purchase '" + purchaseId + "'");
        }
        return found.get(0);
    }

    public Page<PurchaseView> purchases(Filter filter, int page, int size) {
        return new Page<>(purchases(filter, null, page, size), page, size, count("purchase_listing", filter, "created_at"));
    }

    public Page<RefundView> refunds(Filter filter, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, "created_at", params);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<RefundView> refunds = jdbc.query("select * from refund" + where
                + " order by created_at desc, refund_id limit :limit offset :offset", params, PurchaseViews::refund);
        return new Page<>(refunds, page, size, count("refund", filter, "created_at"));
    }

    public Page<DisputeView> disputes(Filter filter, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, "opened_at", params);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<DisputeView> disputes = jdbc.query("select * from dispute" + where
                + " order by opened_at desc, dispute_id limit :limit offset :offset", params, PurchaseViews::dispute);
        return new Page<>(disputes, page, size, count("dispute", filter, "opened_at"));
    }

    private List<PurchaseView> purchases(Filter filter, String purchaseId, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, "created_at", params);
        if (purchaseId != null) {
            where += (where.isEmpty() ? " where" : " and") + " purchase_id = :purchaseId";
            params.addValue("purchaseId", purchaseId);
        }
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Row> rows = jdbc.query("select * from purchase_listing" + where
                + " order by created_at desc, purchase_id limit :limit offset :offset", params, PurchaseViews::row);
        if (rows.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", rows.stream().map(Row::purchaseId).toList());
        Map<String, List<RefundView>> refunds = jdbc.query("select * from refund where purchase_id in (:ids)"
                + " order by created_at, refund_id", ids, PurchaseViews::refund).stream()
                .collect(Collectors.groupingBy(RefundView::purchaseId));
        Map<String, List<DisputeView>> disputes = jdbc.query("select * from dispute where purchase_id in (:ids)"
                + " order by opened_at, dispute_id", ids, PurchaseViews::dispute).stream()
                .collect(Collectors.groupingBy(DisputeView::purchaseId));
        List<PurchaseView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            views.add(row.view(refunds.getOrDefault(row.purchaseId(), List.of()),
                    disputes.getOrDefault(row.purchaseId(), List.of())));
        }
        return views;
    }

    private long count(String table, Filter filter, String timeColumn) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long count = jdbc.queryForObject("select count(*) from " + table + where(filter, timeColumn, params), params,
                Long.class);
        return count != null ? count : 0;
    }

    /** The filter as SQL; only the fields the table has ({@code method}, {@code status} on purchases). */
    private static String where(Filter filter, String timeColumn, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (filter.userId() != null) {
            conditions.add("user_id = :userId");
            params.addValue("userId", filter.userId());
        }
        if (filter.method() != null) {
            conditions.add("method = :method");
            params.addValue("method", filter.method());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.addValue("status", filter.status());
        }
        if (filter.from() != null) {
            conditions.add(timeColumn + " >= :from");
            params.addValue("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add(timeColumn + " < :to");
            params.addValue("to", Timestamp.from(filter.to()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private record Row(String purchaseId, String userId, Instant createdAt, String method, String manualMethod,
            String status, long credits, long amountMinor, String currency, String reference, String paymentIntentId,
            String chargeId, String receiptUrl, String packId, long refundedCredits, long refundedMinor,
            String recordedBy, String note) {

        PurchaseView view(List<RefundView> refunds, List<DisputeView> disputes) {
            return new PurchaseView(purchaseId, userId, createdAt, method, manualMethod, status, credits, amountMinor,
                    currency, reference, paymentIntentId, chargeId, receiptUrl, packId, refundedCredits, refundedMinor,
                    recordedBy, note, refunds, disputes);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("purchase_id"), rs.getString("user_id"), instant(rs, "created_at"),
                rs.getString("method"), rs.getString("manual_method"), rs.getString("status"), rs.getLong("credits"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("reference"),
                rs.getString("payment_intent_id"), rs.getString("charge_id"), rs.getString("receipt_url"),
                rs.getString("pack_id"), rs.getLong("refunded_credits"), rs.getLong("refunded_minor"),
                rs.getString("recorded_by"), rs.getString("note"));
    }

    private static RefundView refund(ResultSet rs, int n) throws SQLException {
        return new RefundView(rs.getString("refund_id"), rs.getString("purchase_id"), rs.getString("user_id"),
                instant(rs, "created_at"), rs.getLong("credits"), rs.getLong("amount_minor"),
                rs.getLong("cumulative_refunded_minor"), rs.getString("currency"), rs.getString("reason"),
                rs.getString("requested_by"));
    }

    private static DisputeView dispute(ResultSet rs, int n) throws SQLException {
        return new DisputeView(rs.getString("dispute_id"), rs.getString("purchase_id"), rs.getString("user_id"),
                instant(rs, "opened_at"), instant(rs, "closed_at"), rs.getString("status"), rs.getLong("credits"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
