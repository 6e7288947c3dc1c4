package io.creditgate.payment.purchase;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The listings as CSV (RFC 4180, a header row, UTF-8), written by Apache Commons CSV so quoting is always right. */
final class PurchaseCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    static final List<String> PURCHASE_COLUMNS = List.of("purchase_id", "user_id", "created_at", "method", "manual_method",
            "status", "credits", "amount_minor", "currency", "reference", "payment_intent_id", "charge_id", "receipt_url",
            "pack_id", "refunded_credits", "refunded_minor", "recorded_by", "note");
    static final List<String> REFUND_COLUMNS = List.of("refund_id", "purchase_id", "user_id", "created_at", "credits",
            "amount_minor", "cumulative_refunded_minor", "currency", "reason", "requested_by");
    static final List<String> DISPUTE_COLUMNS = List.of("dispute_id", "purchase_id", "user_id", "opened_at", "closed_at",
            "status", "credits", "amount_minor", "currency", "reason");

    private PurchaseCsv() {
    }

    static List<Object> purchase(PurchaseView p) {
        return java.util.Arrays.asList(p.purchaseId(), p.userId(), p.createdAt(), p.method(), p.manualMethod(), p.status(),
                p.credits(), p.amountMinor(), p.currency(), p.reference(), p.paymentIntentId(), p.chargeId(),
                p.receiptUrl(), p.packId(), p.refundedCredits(), p.refundedMinor(), p.recordedBy(), p.note());
    }

    static List<Object> refund(PurchaseView.RefundView r) {
        return java.util.Arrays.asList(r.refundId(), r.purchaseId(), r.userId(), r.createdAt(), r.credits(),
                r.amountMinor(), r.cumulativeRefundedMinor(), r.currency(), r.reason(), r.requestedBy());
    }

    static List<Object> dispute(PurchaseView.DisputeView d) {
        return java.util.Arrays.asList(d.disputeId(), d.purchaseId(), d.userId(), d.openedAt(), d.closedAt(), d.status(),
                d.credits(), d.amountMinor(), d.currency(), d.reason());
    }

    /**
     * A value as a spreadsheet may safely open it: text that it would run as a formula ({@code = + - @} first, or a
     * tab or carriage return) gets a leading quote (OWASP's CSV injection advice; Commons CSV has no such option);
     * numbers stay numbers, so negative amounts are not quoted. Notes, references and reasons are typed by people.
     */
    static Object cell(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    static <T> ResponseEntity<String> response(String filename, List<String> columns, List<T> rows,
            Function<T, List<Object>> values) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(columns.toArray(String[]::new)).get())) {
            for (T row : rows) {
                printer.printRecord(values.apply(row).stream().map(PurchaseCsv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(out.toString());
    }
}
