package io.creditgate.alert.contact;

import java.util.List;

import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/preferences-audit?userId=&limit=}: the preferences changed on someone's behalf, newest first
 * (admin and finance). Without {@code userId}, every user's.
 */
@RestController
class PreferencesAuditController {

    static final int MAX_LIMIT = 500;

    private final PreferencesAudit audit;

    PreferencesAuditController(PreferencesAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/preferences-audit")
    List<PreferencesAudit.Entry> list(@RequestParam(required = false) String userId,
                                      @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be 1.." + MAX_LIMIT);
        }
        return audit.latest(userId == null ? null : UserIdParameter.require(userId).value(), limit);
    }
}
