package io.creditgate.ledger.reconciliation;

import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.query.Csv;
import io.creditgate.ledger.query.ReportFormat;
import io.creditgate.ledger.reconciliation.ReconciliationReport.ReconciliationRow;
import io.creditgate.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/finance/reconciliation}: Creditgate's metered usage beside the provider's bill (finance, admin). */
@RestController
@Tag(name = "reconciliation", description = "Creditgate's metered usage beside the provider's own (JSON or CSV)")
class ReconciliationController {

    /** The longest range, in days (a quarter and a day). */
    static final int MAX_DAYS = 92;
    static final int DEFAULT_DAYS = 7;
    static final List<String> CSV_HEADER = List.of("day", "model", "side", "ours_calls", "ours_estimated_calls",
            "ours_input_tokens", "ours_cached_input_tokens", "ours_output_tokens", "ours_cost_credits", "their_requests",
            "their_input_tokens", "their_cached_input_tokens", "their_output_tokens", "drift_requests_percent",
            "drift_input_percent", "drift_cached_input_percent", "drift_output_percent", "flagged", "flagged_measures");

    private final ReconciliationRuns runs;
    private final Clock clock;

    ReconciliationController(ReconciliationRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Operation(summary = "Creditgate's usage and cost per UTC day and model beside the provider's, with the drift in"
            + " percent and the rows beyond the tolerance flagged; totals per model")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ReconciliationReport.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "a bad date, from after to, a range over 92 days, a bad format")
    @ApiResponse(responseCode = "503", description = "the provider's source is not configured (the message names the"
            + " setting) or cannot be read")
    @GetMapping("/api/finance/reconciliation")
    ResponseEntity<?> reconciliation(
            @Parameter(description = "first UTC day, YYYY-MM-DD (default: 6 days before to)") @RequestParam(required = false) String from,
            @Parameter(description = "last UTC day, inclusive, YYYY-MM-DD (default: today)") @RequestParam(required = false) String to,
            @Parameter(description = "json (default) or csv") @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFormat reportFormat = ReportFormat.of(format, accept);
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : day("from", from);
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from (" + first + ") must not be after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("the range " + first + " to " + last + " is longer than " + MAX_DAYS + " days");
        }
        ReconciliationReport report = runs.run(first, last);
        return reportFormat == ReportFormat.CSV ? csv(report) : ResponseEntity.ok(report);
    }

    private static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a UTC day such as 2026-11-01, was '" + text + "'");
        }
    }

    private static ResponseEntity<String> csv(ReconciliationReport report) {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        csv.row(CSV_HEADER);
        report.rows().forEach(row -> csv.row(line(row)));
        report.totals().forEach(row -> csv.row(line(row)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(Csv.MEDIA_TYPE + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-" + report.from() + "-to-"
                        + report.to() + ".csv\"")
                .body(out.toString());
    }

    private static List<Object> line(ReconciliationRow row) {
        List<Object> line = new ArrayList<>();
        line.add(row.day() == null ? "total" : row.day().toString());
        line.add(row.model());
        line.add(row.side().name());
        line.addAll(List.of(row.ours().calls(), row.ours().estimatedCalls(), row.ours().inputTokens(),
                row.ours().cachedInputTokens(), row.ours().outputTokens(), row.ours().costCredits()));
        line.addAll(List.of(row.theirs().requests(), row.theirs().inputTokens(), row.theirs().cachedInputTokens(),
                row.theirs().outputTokens()));
        // Numbers stay numbers (a negative drift is not a formula); a drift has scale 2, so never an exponent.
        line.add(row.drift().requests());
        line.add(row.drift().inputTokens());
        line.add(row.drift().cachedInputTokens());
        line.add(row.drift().outputTokens());
        line.add(row.flagged());
        line.add(String.join(" ", row.flaggedMeasures()));
        return line;
    }
}
