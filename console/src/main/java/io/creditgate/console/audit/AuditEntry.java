package io.creditgate.console.audit;

import java.time.Instant;
import java.util.Map;

/** One row of the access audit. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subject, Map<?, ?> details,
                         String clientAddress) {
}
