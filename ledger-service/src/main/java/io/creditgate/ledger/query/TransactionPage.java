package io.creditgate.ledger.query;

import java.util.List;

/** A page of a user's statement, newest first. */
public record TransactionPage(String userId, int page, int size, long totalItems, List<TransactionView> items) {
}
