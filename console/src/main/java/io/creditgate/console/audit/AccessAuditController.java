package io.creditgate.console.audit;

import java.util.List;

import io.creditgate.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/access-audit}: admin and finance read who did what to access. */
@RestController
class AccessAuditController {

    private static final int LIMIT_MAX = 500;

    private final AccessAudit audit;

    AccessAuditController(AccessAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/access-audit")
    List<AuditEntry> list(@RequestParam(required = false) Long before, @RequestParam(required = false) String subject,
                          @RequestParam(required = false) String action, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + LIMIT_MAX + ".");
        }
        return audit.find(before, subject, action, limit);
    }
}
