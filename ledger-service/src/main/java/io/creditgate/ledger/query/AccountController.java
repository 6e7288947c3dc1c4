package io.creditgate.ledger.query;

import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Balance and statement of one user. */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    static final int DEFAULT_PAGE_SIZE = 50;
    /** Larger pages are cut to this size: one request never reads an unbounded statement. */
    static final int MAX_PAGE_SIZE = 200;
    /** Deep offsets are slow in PostgreSQL; a statement this long needs the date filters of issue 4. */
    static final int MAX_PAGE = 100_000;

    private final AccountQueries queries;
    private final java.time.ZoneId zone;

    AccountController(AccountQueries queries, io.creditgate.ledger.plan.PlansProperties plans) {
        this.queries = queries;
        this.zone = java.time.ZoneId.of(plans.timeZone());
    }

    @GetMapping("/{userId}")
    AccountView account(@PathVariable String userId) {
        return queries.findAccount(validUserId(userId)).orElseThrow(() -> unknown(userId));
    }

    /** Every grant of the user: the open ones in burn order, then the closed ones. */
    @GetMapping("/{userId}/grants")
    java.util.Map<String, Object> grants(@PathVariable String userId) {
        validUserId(userId);
        if (queries.findAccount(userId).isEmpty()) {
            throw unknown(userId);
        }
        return java.util.Map.of("userId", userId, "grants", queries.findGrants(userId, false));
    }

    /**
     * The statement, newest first and paged; or with {@code format=csv} every matching line, oldest first, streamed
     * (no paging).
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "A user's statement, filtered by type and date; JSON pages or CSV")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = TransactionPage.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = Csv.MEDIA_TYPE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @GetMapping("/{userId}/transactions")
    ResponseEntity<?> transactions(@PathVariable String userId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
            @io.swagger.v3.oas.annotations.Parameter(description = "OPENED, GRANT, PURCHASE, USAGE, EXPIRY, REVOKE, REFUND, "
                    + "ADJUSTMENT, BLOCK, UNBLOCK, CAP, PLAN, RENEWAL; repeated or comma-separated; default all")
            @RequestParam(required = false) List<String> type,
            @io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date or instant, inclusive")
            @RequestParam(required = false) String from,
            @io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date or instant, exclusive")
            @RequestParam(required = false) String to,
            @io.swagger.v3.oas.annotations.Parameter(description = "json (default) or csv")
            @RequestParam(required = false) String format,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        validUserId(userId);
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1) {
            throw ApiException.badRequest("size must be at least 1");
        }
        TimeRange range = TimeRange.optional(from, to, zone);
        TransactionFilter filter = new TransactionFilter(userId, types(type), range.from(), range.to());
        boolean csv = ReportFormat.of(format, accept) == ReportFormat.CSV;
        if (queries.findAccount(userId).isEmpty()) {
            throw unknown(userId);
        }
        if (!csv) {
            return ResponseEntity.ok(queries.findTransactions(filter, page, Math.min(size, MAX_PAGE_SIZE)));
        }
        // Written straight to the response while the rows stream from PostgreSQL: an export of any length holds one
        // batch of rows in memory, never the whole statement.
        response.setContentType(Csv.MEDIA_TYPE + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"transactions-" + userId + ".csv\"");
        java.io.Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(response.getOutputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        Csv lines = new Csv(writer).row(TransactionView.CSV_HEADER);
        queries.streamTransactions(filter, line -> lines.row(line.csv()));
        writer.flush();
        return null;
    }

    private static java.util.Set<TransactionType> types(List<String> names) {
        java.util.Set<TransactionType> types = java.util.EnumSet.noneOf(TransactionType.class);
        if (names == null) {
            return types;
        }
        for (String list : names) {
            for (String name : list.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    types.add(TransactionType.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("type '" + name.trim() + "' is not one of "
                            + java.util.Arrays.toString(TransactionType.values()));
                }
            }
        }
        return types;
    }

    private static String validUserId(String userId) {
        return UserIdParameter.require(userId).value();
    }

    private static ApiException unknown(String userId) {
        return new ApiException(HttpStatus.NOT_FOUND, "account_not_found",
                "no account for user '" + userId + "': the ledger opens one at the user's first call or grant");
    }
}
