package io.creditgate.ledger.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin's accounts grid: every account, server-paged, searchable and sortable (admin and finance read it). */
@RestController
@Tag(name = "accounts", description = "Balances and statements; the admin's accounts grid")
class AccountListController {

    private final AccountQueries queries;

    AccountListController(AccountQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Every account, paged: search in the user id, filter by status, sort by a column")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AccountListPage.class)))
    @ApiResponse(responseCode = "400", description = "a bad page, size, sort, direction, status or search")
    @GetMapping("/api/admin/accounts")
    AccountListPage accounts(
            @Parameter(description = "case-insensitive substring of the user id; % and _ are literal")
            @RequestParam(required = false) String q,
            @Parameter(description = "ACTIVE, EXHAUSTED or BLOCKED; default every status")
            @RequestParam(required = false) String status,
            @Parameter(description = "zero-based page, at most " + AccountSearch.MAX_PAGE)
            @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "rows per page, 1 to " + AccountSearch.MAX_SIZE)
            @RequestParam(defaultValue = "" + AccountSearch.DEFAULT_SIZE) int size,
            @Parameter(description = "userId (default), balanceCredits, status, spentCycleCredits or updatedAt; ties in "
                    + "user id order", schema = @Schema(allowableValues = {"userId", "balanceCredits", "status",
                            "spentCycleCredits", "updatedAt"}))
            @RequestParam(required = false) String sort,
            @Parameter(description = "asc (default) or desc", schema = @Schema(allowableValues = {"asc", "desc"}))
            @RequestParam(required = false) String direction) {
        return queries.findAccounts(AccountSearch.of(q, status, sort, direction, page, size));
    }
}
