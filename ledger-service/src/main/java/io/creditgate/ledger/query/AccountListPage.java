package io.creditgate.ledger.query;

import java.util.List;

/**
 * A page of the admin's accounts grid.
 *
 * @param total the accounts that match the search and status, on every page
 */
public record AccountListPage(List<AccountListItem> items, int page, int size, long total) {
}
