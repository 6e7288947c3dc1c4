package io.creditgate.ledger.admin;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.ledger.account.AccountProperties;
import io.creditgate.ledger.account.GrantCredits;
import io.creditgate.ledger.account.GrantOutcome;
import io.creditgate.ledger.account.UserIds;
import io.creditgate.ledger.query.AccountQueries;
import io.creditgate.ledger.query.AccountView;
import io.creditgate.ledger.web.ApiException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin grants. A new grant answers 201 with the account; a repeated {@code grantId} with the same amount
 * changes nothing and answers 200 with the account; a reused {@code grantId} with another amount is a 409.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class GrantController {

    /** The admin key names no person yet; JWT identities (issue 4) will replace this actor. */
    static final String ACTOR = "admin-api";
    static final int MAX_REASON_LENGTH = 500;
    private static final Pattern GRANT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final CommandGateway commands;
    private final AccountQueries queries;
    private final AccountProperties accounts;
    private final AdminProperties admin;
    private final Clock clock;

    GrantController(CommandGateway commands, AccountQueries queries, AccountProperties accounts, AdminProperties admin,
            Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.admin = admin;
        this.clock = clock;
    }

    @PostMapping("/{userId}/grants")
    ResponseEntity<AccountView> grant(@PathVariable String userId, @RequestBody GrantRequest body) {
        GrantCredits command = validated(userId, body);
        GrantOutcome outcome = commands.sendAndWait(command);
        AccountView account = queries.findAccount(userId)
                .orElseThrow(() -> new IllegalStateException("account " + userId + " missing after a grant"));
        if (outcome == GrantOutcome.ALREADY_GRANTED) {
            return ResponseEntity.ok(account);
        }
        return ResponseEntity.created(URI.create("/api/accounts/" + userId)).body(account);
    }

    private GrantCredits validated(String userId, GrantRequest body) {
        if (!UserIds.isValid(userId)) {
            throw ApiException.badRequest("userId must be 1 to " + UserIds.MAX_LENGTH
                    + " characters without whitespace, control characters or braces");
        }
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
        // Without a grantId the call is not idempotent: a retry grants again. The docs say to send one.
        String grantId = body.grantId() != null ? body.grantId() : UUID.randomUUID().toString();
        return new GrantCredits(userId, grantId, amount, body.reason(), ACTOR, clock.instant(), accounts.startingCredits());
    }
}
