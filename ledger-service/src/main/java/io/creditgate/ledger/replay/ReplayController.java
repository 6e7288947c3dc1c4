package io.creditgate.ledger.replay;

import io.creditgate.ledger.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay[?source=journal-topic|event-store]}: runs the audit replay and answers its JSON report
 * (admin key required); 400 for another source; 503
 * {@code replay_unavailable} when the journal topic cannot be read (nothing was verified).
 */
@RestController
class ReplayController {

    private final AuditReplay replay;

    ReplayController(AuditReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/api/admin/replay")
    ReplayReport replay(@RequestParam(required = false) String source) {
        ReplayProperties.Source from;
        try {
            from = source == null ? null : ReplayProperties.Source.parse(source);
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        try {
            return from == null ? replay.run(eventsRead -> { }) : replay.run(from, eventsRead -> { });
        } catch (ReplayUnavailableException unavailable) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "replay_unavailable", unavailable.getMessage());
        }
    }
}
