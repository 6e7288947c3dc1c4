package io.creditgate.ledger.query;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.plan.PlansProperties;
import io.creditgate.ledger.query.UsageReports.DayUsage;
import io.creditgate.ledger.query.UsageReports.ModelUsage;
import io.creditgate.ledger.query.UsageReports.UserUsage;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage for charts: by day and by model, for one user ({@code /api/accounts/{userId}/usage/...}) or everyone
 * ({@code /api/admin/usage/...}, admin key), and the top users. Each answers JSON or, with {@code format=csv}, CSV.
 */
@RestController
@Tag(name = "usage", description = "Usage by day, by model, top users (JSON or CSV)")
class UsageController {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1_000;
    private static final int MAX_MODEL_LENGTH = 200;

    private final UsageReports reports;
    private final Clock clock;
    private final ZoneId defaultZone;

    UsageController(UsageReports reports, Clock clock, PlansProperties plans) {
        this.reports = reports;
        this.clock = clock;
        this.defaultZone = ZoneId.of(plans.timeZone());
    }

    /** The window and filters a report was made for, and its rows. */
    record Report<T>(Instant from, Instant to, String zone, String userId, String model, List<T> items) {
    }

    @Operation(summary = "Everyone's usage per day of the window (days without usage are zeros)")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json"),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "a bad date, zone, format or filter")
    @GetMapping("/api/admin/usage/by-day")
    ResponseEntity<?> everyoneByDay(@ParameterObject Query query,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return byDay(null, query, accept);
    }

    @Operation(summary = "One user's usage per day of the window (days without usage are zeros)")
    @GetMapping("/api/accounts/{userId}/usage/by-day")
    ResponseEntity<?> userByDay(@PathVariable String userId, @ParameterObject Query query,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return byDay(validUserId(userId), query, accept);
    }

    @Operation(summary = "Everyone's usage per model in the window, most expensive first")
    @GetMapping("/api/admin/usage/by-model")
    ResponseEntity<?> everyoneByModel(@ParameterObject Query query,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return byModel(null, query, accept);
    }

    @Operation(summary = "One user's usage per model in the window, most expensive first")
    @GetMapping("/api/accounts/{userId}/usage/by-model")
    ResponseEntity<?> userByModel(@PathVariable String userId, @ParameterObject Query query,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return byModel(validUserId(userId), query, accept);
    }

    @Operation(summary = "The users who spent most in the window")
    @GetMapping("/api/admin/usage/top-users")
    ResponseEntity<?> topUsers(@ParameterObject Query query,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(description = "how many users, 1 to 1000") @RequestParam(defaultValue = "" + DEFAULT_TOP) int limit) {
        if (limit < 1 || limit > MAX_TOP) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_TOP);
        }
        TimeRange range = query.range(defaultZone, clock.instant());
        List<UserUsage> rows = reports.topUsers(range, query.validModel(), limit);
        if (query.csv(accept)) {
            List<List<Object>> lines = new ArrayList<>();
            for (UserUsage row : rows) {
                List<Object> line = new ArrayList<>(List.of(row.userId()));
                line.addAll(row.usage().csv());
                lines.add(line);
            }
            return csv("top-users", "userId", lines);
        }
        return ResponseEntity.ok(new Report<>(range.from(), range.to(), range.zone().getId(), null, query.validModel(), rows));
    }

    private ResponseEntity<?> byDay(String userId, Query query, String accept) {
        TimeRange range = query.range(defaultZone, clock.instant());
        List<DayUsage> rows = reports.byDay(range, userId, query.validModel());
        if (query.csv(accept)) {
            List<List<Object>> lines = new ArrayList<>();
            for (DayUsage row : rows) {
                List<Object> line = new ArrayList<>(List.of(row.day().toString()));
                line.addAll(row.usage().csv());
                lines.add(line);
            }
            return csv("usage-by-day", "day", lines);
        }
        return ResponseEntity.ok(new Report<>(range.from(), range.to(), range.zone().getId(), userId, query.validModel(), rows));
    }

    private ResponseEntity<?> byModel(String userId, Query query, String accept) {
        TimeRange range = query.range(defaultZone, clock.instant());
        List<ModelUsage> rows = reports.byModel(range, userId);
        if (query.csv(accept)) {
            List<List<Object>> lines = new ArrayList<>();
            for (ModelUsage row : rows) {
                List<Object> line = new ArrayList<>(List.of(row.model()));
                line.addAll(row.usage().csv());
                lines.add(line);
            }
            return csv("usage-by-model", "model", lines);
        }
        return ResponseEntity.ok(new Report<>(range.from(), range.to(), range.zone().getId(), userId, null, rows));
    }

    private static ResponseEntity<String> csv(String name, String firstColumn, List<List<Object>> lines) {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        List<Object> header = new ArrayList<>(List.of(firstColumn));
        header.addAll(UsageReports.UsageTotals.CSV_HEADER);
        csv.row(header);
        lines.forEach(csv::row);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(Csv.MEDIA_TYPE + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(out.toString());
    }

    private static String validUserId(String userId) {
        return UserIdParameter.require(userId).value();
    }

    /**
     * The window and format of a report, bound from the query string.
     *
     * @param from ISO-8601 date (start of that day in {@code zone}) or instant; default 30 days before {@code to}
     * @param to exclusive; ISO-8601 date or instant; default now
     * @param zone the zone that days are counted in; default {@code creditgate.plans.time-zone}
     * @param model only this model
     * @param format json (default) or csv
     */
    record Query(
            @Parameter(description = "ISO-8601 date or instant; default 30 days before to") String from,
            @Parameter(description = "exclusive; ISO-8601 date or instant; default now") String to,
            @Parameter(description = "time zone of the days, e.g. Europe/Berlin; default creditgate.plans.time-zone") String zone,
            @Parameter(description = "only this model") String model,
            @Parameter(description = "json (default) or csv") String format) {

        TimeRange range(ZoneId defaultZone, Instant now) {
            return TimeRange.parse(from, to, zone, defaultZone, now);
        }

        boolean csv(String accept) {
            return ReportFormat.of(format, accept) == ReportFormat.CSV;
        }

        String validModel() {
            if (model == null || model.isBlank()) {
                return null;
            }
            if (model.length() > MAX_MODEL_LENGTH) {
                throw ApiException.badRequest("model must be at most " + MAX_MODEL_LENGTH + " characters");
            }
            return model;
        }
    }
}
