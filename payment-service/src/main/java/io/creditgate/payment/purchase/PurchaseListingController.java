package io.creditgate.payment.purchase;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import io.creditgate.payment.purchase.PurchaseViews.Filter;
import io.creditgate.payment.purchase.PurchaseViews.Page;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Purchases with their refunds, disputes and receipts: a person's own, and every one for finance, as JSON pages or
 * as CSV ({@code ?format=csv}: up to {@value #MAX_CSV_ROWS} rows from {@code page}).
 */
@RestController
class PurchaseListingController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    static final int MAX_CSV_ROWS = 100_000;
    static final Set<String> METHODS = Set.of("checkout", "auto_top_up", "manual");
    static final Set<String> PURCHASE_STATUSES = Set.of("paid", "partially_refunded", "refunded", "disputed", "dispute_lost");
    static final Set<String> DISPUTE_STATUSES = Set.of("open", "won", "lost");

    /** A JSON page of purchases; {@code total} counts every match, not only this page's. */
    record PurchasePage(List<PurchaseView> purchases, int page, int size, long total) {
    }

    /** A JSON page of refunds; {@code total} counts every match. */
    record RefundPage(List<PurchaseView.RefundView> refunds, int page, int size, long total) {
    }

    /** A JSON page of disputes; {@code total} counts every match. */
    record DisputePage(List<PurchaseView.DisputeView> disputes, int page, int size, long total) {
    }

    private final PurchaseViews views;

    PurchaseListingController(PurchaseViews views) {
        this.views = views;
    }

    @Operation(summary = "A person's purchases, newest first, with refunds, disputes and receipt URLs")
    @ApiResponse(responseCode = "200", description = "The purchases: a JSON page, or CSV with format=csv", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PurchasePage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/api/payments/users/{userId}/purchases")
    ResponseEntity<?> ofUser(@PathVariable String userId, @RequestParam(required = false) String format,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        UserIdParameter.require(userId);
        return purchases(new Filter(userId, null, null, null, null), format, page, size, "purchases-" + userId + ".csv");
    }

    @Operation(summary = "Every purchase (finance), filtered by user, method, status and time [from, to)")
    @ApiResponse(responseCode = "200", description = "The purchases: a JSON page, or CSV with format=csv", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PurchasePage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/api/payments/purchases")
    ResponseEntity<?> all(@RequestParam(required = false) String userId, @RequestParam(required = false) String method,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Filter filter = new Filter(user(userId), oneOf("method", method, METHODS), oneOf("status", status, PURCHASE_STATUSES),
                time("from", from, false), time("to", to, true));
        return purchases(filter, format, page, size, "purchases.csv");
    }

    @Operation(summary = "Every refund (finance), filtered by user and time [from, to)")
    @ApiResponse(responseCode = "200", description = "The refunds: a JSON page, or CSV with format=csv", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RefundPage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/api/payments/refunds")
    ResponseEntity<?> refunds(@RequestParam(required = false) String userId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Filter filter = new Filter(user(userId), null, null, time("from", from, false), time("to", to, true));
        boolean csv = csv(format);
        Page<PurchaseView.RefundView> found = views.refunds(filter, page(page), size(size, csv));
        return csv ? PurchaseCsv.response("refunds.csv", PurchaseCsv.REFUND_COLUMNS, found.items(), PurchaseCsv::refund)
                : ResponseEntity.ok(new RefundPage(found.items(), found.page(), found.size(), found.total()));
    }

    @Operation(summary = "Every dispute (finance), filtered by user, status (open, won, lost) and time [from, to)")
    @ApiResponse(responseCode = "200", description = "The disputes: a JSON page, or CSV with format=csv", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = DisputePage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/api/payments/disputes")
    ResponseEntity<?> disputes(@RequestParam(required = false) String userId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Filter filter = new Filter(user(userId), null, oneOf("status", status, DISPUTE_STATUSES), time("from", from, false),
                time("to", to, true));
        boolean csv = csv(format);
        Page<PurchaseView.DisputeView> found = views.disputes(filter, page(page), size(size, csv));
        return csv ? PurchaseCsv.response("disputes.csv", PurchaseCsv.DISPUTE_COLUMNS, found.items(), PurchaseCsv::dispute)
                : ResponseEntity.ok(new DisputePage(found.items(), found.page(), found.size(), found.total()));
    }

    private ResponseEntity<?> purchases(Filter filter, String format, Integer page, Integer size, String filename) {
        boolean csv = csv(format);
        Page<PurchaseView> found = views.purchases(filter, page(page), size(size, csv));
        return csv ? PurchaseCsv.response(filename, PurchaseCsv.PURCHASE_COLUMNS, found.items(), PurchaseCsv::purchase)
                : ResponseEntity.ok(new PurchasePage(found.items(), found.page(), found.size(), found.total()));
    }

    private static boolean csv(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw ApiException.badRequest("format_invalid", "format must be json or csv");
    }

    private static int page(Integer page) {
        if (page != null && page < 0) {
            throw ApiException.badRequest("page_invalid", "page must be 0 or more");
        }
        return page == null ? 0 : page;
    }

    private static int size(Integer size, boolean csv) {
        int max = csv ? MAX_CSV_ROWS : MAX_SIZE;
        if (size != null && (size < 1 || size > max)) {
            throw ApiException.badRequest("size_invalid", "size must be from 1 to " + max);
        }
        return size != null ? size : csv ? MAX_CSV_ROWS : DEFAULT_SIZE;
    }

    private static String user(String userId) {
        return userId == null ? null : UserIdParameter.require(userId).value();
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.badRequest(name + "_invalid", name + " must be one of " + String.join(", ",
                    new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    /** An instant ({@code 2026-12-01T10:00:00Z}) or a UTC date; a date as {@code to} includes that whole day. */
    private static Instant time(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(value);
                return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + "_invalid", name + " must be a date (2026-12-01) or an instant"
                        + " (2026-12-01T10:00:00Z)");
            }
        }
    }
}
