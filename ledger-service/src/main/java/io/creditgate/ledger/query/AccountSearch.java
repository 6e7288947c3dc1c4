package io.creditgate.ledger.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.creditgate.ledger.account.AccountStatus;
import io.creditgate.web.ApiException;

/**
 * One page of the admin's accounts grid ({@code GET /api/admin/accounts}, decision 56): a case-insensitive search in
 * the user id, a status, an order and a page. Built by {@link #of}, which answers a 400 for anything out of range.
 *
 * @param search the substring the user id must contain, in any case (both sides lower-cased by PostgreSQL, so they
 *     fold alike), or null for every account
 * @param status only accounts in this status, or null
 * @param page zero-based, at most {@link #MAX_PAGE}
 * @param size rows per page, 1 to {@link #MAX_SIZE}
 */
record AccountSearch(String search, AccountStatus status, Sort sort, boolean descending, int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** Deep offsets are slow in PostgreSQL; thousands of users fit in far fewer pages. */
    static final int MAX_PAGE = 100_000;
    /** The longest user id (io.creditgate.schemas.identity.UserId): a longer search finds nothing by definition. */
    static final int MAX_SEARCH_LENGTH = 255;

    /** The grid's sortable columns and the read model's column each orders by (ties broken by user id). */
    enum Sort {
        userId("user_id"), balanceCredits("balance_credits"), status("status"), spentCycleCredits("spent_cycle_credits"),
        updatedAt("updated_at");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    static AccountSearch of(String q, String status, String sort, String direction, int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("page must be between 0 and " + MAX_PAGE + ", was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if (q != null && q.length() > MAX_SEARCH_LENGTH) {
            throw ApiException.badRequest("q must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return new AccountSearch(q == null || q.isEmpty() ? null : q, status(status),
                sort(sort), descending(direction), page, size);
    }

    private static AccountStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return AccountStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status '" + status + "' is not one of " + Arrays.toString(AccountStatus.values()));
        }
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.userId;
        }
        for (Sort candidate : Sort.values()) {
            if (candidate.name().equals(sort.trim())) {
                return candidate;
            }
        }
        throw ApiException.badRequest("sort '" + sort + "' is not one of " + Arrays.toString(Sort.values()));
    }

    private static boolean descending(String direction) {
        if (direction == null || direction.isBlank() || direction.trim().equalsIgnoreCase("asc")) {
            return false;
        }
        if (direction.trim().equalsIgnoreCase("desc")) {
            return true;
        }
        throw ApiException.badRequest("direction '" + direction + "' is not asc or desc");
    }

    /** {@code WHERE ...} (possibly empty) with its arguments in {@link #args()}. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (search != null) {
            // Escaped, so % and _ in the search are literal characters (user ids may hold both).
            conditions.add("lower(user_id) LIKE lower(?) ESCAPE '\\'");
        }
        if (status != null) {
            conditions.add("status = ?");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> args() {
        List<Object> args = new ArrayList<>();
        if (search != null) {
            args.add("%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            args.add(status.name());
        }
        return args;
    }

    /** {@code ORDER BY} the sorted column, then the user id (unique, so pages never overlap nor skip a row). */
    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return " ORDER BY " + sort.column + direction + (sort == Sort.userId ? "" : ", user_id" + direction);
    }
}
