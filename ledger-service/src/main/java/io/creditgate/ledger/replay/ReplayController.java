package io.creditgate.ledger.replay;

import io.creditgate.ledger.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay}: runs the audit replay and answers its JSON report (admin key required); 503
 * {@code replay_unavailable} when the journal topic cannot be read (nothing was verified).
 */
@RestController
class ReplayController {

    private final AuditReplay replay;

    ReplayController(AuditReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/api/admin/replay")
    ReplayReport replay() {
        try {
            return replay.run(eventsRead -> { });
        } catch (ReplayUnavailableException unavailable) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "replay_unavailable", unavailable.getMessage());
        }
    }
}
