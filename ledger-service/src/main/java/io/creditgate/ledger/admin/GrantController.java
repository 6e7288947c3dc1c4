package io.creditgate.ledger.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.AccountState;
import io.creditgate.ledger.account.GrantCategory;
import io.creditgate.ledger.account.RevokeGrant;
import io.creditgate.ledger.account.GrantCredits;
import io.creditgate.ledger.account.GrantOutcome;
import io.creditgate.ledger.query.AccountQueries;
import io.creditgate.ledger.query.AccountView;
import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import io.creditgate.web.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin grants and revocations. A new grant answers 201 with the account; a repeated {@code grantId} with the same amount
 * changes nothing and answers 200 with the account; a reused {@code grantId} with another amount is a 409.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class GrantController {

    static final int MAX_REASON_LENGTH = 500;
    private static final Pattern GRANT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    /** Grant ids the ledger makes itself: the starting grant and purchases. */
    private static final Pattern RESERVED_GRANT_ID = Pattern.compile("opening|purchase:.*|allowance:.*|adjustment:.*");

    private final CommandGateway commands;
    private final AccountQueries queries;
    private final PlanCatalog accounts;
    private final AdminProperties admin;
    private final Clock clock;

    GrantController(CommandGateway commands, AccountQueries queries, PlanCatalog accounts, AdminProperties admin,
            Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.admin = admin;
        this.clock = clock;
    }

    @PostMapping("/{userId}/grants")
    ResponseEntity<AccountView> grant(@PathVariable String userId, @RequestBody GrantRequest body, Caller caller) {
        GrantCredits command = validated(userId, body, caller.actor());
        GrantOutcome outcome = commands.sendAndWait(command);
        AccountView account = queries.findAccount(userId)
                .orElseThrow(() -> new IllegalStateException("account " + userId + " missing after a grant"));
        if (outcome == GrantOutcome.ALREADY_GRANTED) {
            return ResponseEntity.ok(account);
        }
        return ResponseEntity.created(URI.create("/api/accounts/" + userId)).body(account);
    }

    private GrantCredits validated(String userId, GrantRequest body, String actor) {
        UserIdParameter.require(userId);
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "the request body must be a JSON object");
        }
        if (body.amountCredits() == null) {
            throw ApiException.badRequest("amountCredits is required");
        }
        long amount = body.amountCredits();
        if (amount <= 0) {
            throw ApiException.badRequest("amountCredits must be above zero");
        }
        if (amount > admin.maxGrantCredits()) {
            throw ApiException.badRequest("amountCredits must not exceed " + admin.maxGrantCredits() + " credits per grant");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw ApiException.badRequest("reason is required");
        }
        if (body.reason().length() > MAX_REASON_LENGTH) {
            throw ApiException.badRequest("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        if (body.grantId() != null && !GRANT_ID.matcher(body.grantId()).matches()) {
            throw ApiException.badRequest("grantId must be 1 to 200 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (body.grantId() != null && RESERVED_GRANT_ID.matcher(body.grantId()).matches()) {
            throw ApiException.badRequest("grantId '" + body.grantId() + "' is reserved for grants the ledger makes itself");
        }
        GrantCategory category = category(body.category());
        // Milliseconds, like every timestamp on the topics (Avro timestamp-millis): the journal, the read model
        // and the published events then name the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = body.expiresAt() == null ? null : body.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt must be in the future");
        }
        int priority = body.priority() == null ? AccountState.DEFAULT_PRIORITY : body.priority();
        if (priority < 0 || priority > AccountState.MAX_PRIORITY) {
            throw ApiException.badRequest("priority must be between 0 and " + AccountState.MAX_PRIORITY);
        }
        // Without a grantId the call is not idempotent: a retry grants again. The docs say to send one.
        String grantId = body.grantId() != null ? body.grantId() : UUID.randomUUID().toString();
        return new GrantCredits(userId, grantId, amount, body.reason(), actor, now, category, expiresAt, priority,
                accounts.startingCredits(), accounts.defaultPlan());
    }

    private static GrantCategory category(String name) {
        if (name == null) {
            return GrantCategory.PROMOTIONAL;
        }
        try {
            return GrantCategory.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("category must be PROMOTIONAL or PAID");
        }
    }

    @PostMapping("/{userId}/grants/{grantId}/revoke")
    AccountView revoke(@PathVariable String userId, @PathVariable String grantId, @RequestBody RevokeRequest body,
            Caller caller) {
        UserIdParameter.require(userId);
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw ApiException.badRequest("reason is required");
        }
        if (body.reason().length() > MAX_REASON_LENGTH) {
            throw ApiException.badRequest("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        commands.sendAndWait(new RevokeGrant(userId, grantId, body.reason(), caller.actor(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return queries.findAccount(userId)
                .orElseThrow(() -> new IllegalStateException("account " + userId + " missing after a revocation"));
    }
}
