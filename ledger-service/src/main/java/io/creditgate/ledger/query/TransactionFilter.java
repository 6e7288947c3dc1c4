package io.creditgate.ledger.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which statement lines of a user a query wants: some types (empty = all), occurred in {@code [from, to)} (either
 * end open when null).
 */
record TransactionFilter(String userId, Set<TransactionType> types, Instant from, Instant to) {

    String where() {
        StringBuilder where = new StringBuilder(" WHERE user_id = ?");
        if (!types.isEmpty()) {
            where.append(" AND type IN (").append(String.join(", ", java.util.Collections.nCopies(types.size(), "?")))
                    .append(')');
        }
        if (from != null) {
            where.append(" AND occurred_at >= ?");
        }
        if (to != null) {
            where.append(" AND occurred_at < ?");
        }
        return where.toString();
    }

    List<Object> args() {
        List<Object> args = new ArrayList<>();
        args.add(userId);
        types.stream().map(Enum::name).sorted().forEach(args::add);
        if (from != null) {
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            args.add(Timestamp.from(to));
        }
        return args;
    }
}
