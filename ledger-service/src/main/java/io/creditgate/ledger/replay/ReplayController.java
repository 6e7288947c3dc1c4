package io.creditgate.ledger.replay;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/replay}: runs the audit replay and answers its JSON report (admin key required). */
@RestController
class ReplayController {

    private final AuditReplay replay;

    ReplayController(AuditReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/api/admin/replay")
    ReplayReport replay() {
        return replay.run(eventsRead -> { });
    }
}
