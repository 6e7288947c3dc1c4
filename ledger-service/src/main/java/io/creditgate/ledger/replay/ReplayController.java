package io.creditgate.ledger.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditgate.web.ApiException;
import io.creditgate.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/replay[?source=journal-topic|event-store]}: runs the audit replay and answers its JSON report;
 * 400 for another source; 503 {@code replay_unavailable} when the journal topic cannot be read (nothing was verified).
 * Every run, whatever its end, is recorded in the audit log ({@code GET /api/admin/audit/replays}).
 */
@RestController
class ReplayController {

    private final AuditReplay replay;
    private final ReplayRuns runs;
    private final Clock clock;

    ReplayController(AuditReplay replay, ReplayRuns runs, Clock clock) {
        this.replay = replay;
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping("/api/admin/replay")
    ReplayReport replay(@RequestParam(required = false) String source, Caller caller) {
        ReplayProperties.Source from;
        try {
            from = source == null ? null : ReplayProperties.Source.parse(source);
        } catch (IllegalArgumentException bad) {
            throw ApiException.badRequest(bad.getMessage());
        }
        String sourceName = source == null ? "default" : source;
        Instant startedAt = clock.instant();
        try {
            ReplayReport report = from == null ? replay.run(eventsRead -> { }) : replay.run(from, eventsRead -> { });
            runs.finished(caller.actor(), startedAt, clock.instant(), sourceName, report);
            return report;
        } catch (ReplayUnavailableException unavailable) {
            runs.failed(caller.actor(), startedAt, clock.instant(), sourceName, "UNAVAILABLE");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "replay_unavailable", unavailable.getMessage());
        } catch (RuntimeException error) {
            runs.failed(caller.actor(), startedAt, clock.instant(), sourceName, "ERROR");
            throw error;
        }
    }

    /** The latest replay runs, newest first (at most {@value ReplayRuns#MAX_LISTED}). */
    @GetMapping("/api/admin/audit/replays")
    List<ReplayRuns.Run> runs() {
        return runs.latest(ReplayRuns.MAX_LISTED);
    }
}
