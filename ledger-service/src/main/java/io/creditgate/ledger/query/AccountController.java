package io.creditgate.ledger.query;

import io.creditgate.ledger.account.UserIds;
import io.creditgate.ledger.web.ApiException;
import org.springframework.http.HttpStatus;
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

    AccountController(AccountQueries queries) {
        this.queries = queries;
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

    @GetMapping("/{userId}/transactions")
    TransactionPage transactions(@PathVariable String userId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        validUserId(userId);
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1) {
            throw ApiException.badRequest("size must be at least 1");
        }
        if (queries.findAccount(userId).isEmpty()) {
            throw unknown(userId);
        }
        return queries.findTransactions(userId, page, Math.min(size, MAX_PAGE_SIZE));
    }

    private static String validUserId(String userId) {
        if (!UserIds.isValid(userId)) {
            throw ApiException.badRequest("userId must be 1 to " + UserIds.MAX_LENGTH
                    + " characters without whitespace, control characters or braces");
        }
        return userId;
    }

    private static ApiException unknown(String userId) {
        return new ApiException(HttpStatus.NOT_FOUND, "account_not_found",
                "no account for user '" + userId + "': the ledger opens one at the user's first call or grant");
    }
}
