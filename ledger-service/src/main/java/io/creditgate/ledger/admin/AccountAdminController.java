package io.creditgate.ledger.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.ledger.plan.PlanCatalog;
import io.creditgate.ledger.account.AdjustBalance;
import io.creditgate.ledger.account.AdminOutcome;
import io.creditgate.ledger.account.BlockUser;
import io.creditgate.ledger.account.SetCycleCap;
import io.creditgate.ledger.account.UnblockUser;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin commands on an account: adjust the balance, block and unblock the user, set the cycle cap. Each
 * records its actor (the {@link Caller}) and reason; together with grants and revocations they form the audit log.
 * Every answer is the account after the command.
 */
@RestController
@RequestMapping("/api/admin/accounts/{userId}")
class AccountAdminController {

    private static final Pattern ADJUSTMENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final CommandGateway commands;
    private final AccountQueries queries;
    private final PlanCatalog accounts;
    private final AdminProperties admin;
    private final Clock clock;

    AccountAdminController(CommandGateway commands, AccountQueries queries, PlanCatalog accounts,
            AdminProperties admin, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.admin = admin;
        this.clock = clock;
    }

    /** 201 for a new adjustment, 200 for one made before with the same amount. */
    @PostMapping("/adjustments")
    ResponseEntity<AccountView> adjust(@PathVariable String userId, @RequestBody AdminRequests.Adjustment body, Caller caller) {
        validUserId(userId);
        String who = caller.actor();
        requireBody(body);
        if (body.amountCredits() == null || body.amountCredits() == 0) {
            throw ApiException.badRequest("amountCredits is required and must not be zero");
        }
        if (Math.abs(body.amountCredits()) > admin.maxGrantCredits()) {
            throw ApiException.badRequest("amountCredits must be within ±" + admin.maxGrantCredits() + " credits");
        }
        String reason = validReason(body.reason());
        if (body.adjustmentId() != null && !ADJUSTMENT_ID.matcher(body.adjustmentId()).matches()) {
            throw ApiException.badRequest("adjustmentId must be 1 to 200 characters of letters, digits, '.', '_', ':' or '-'");
        }
        // Without an adjustmentId a retried request adjusts twice; the docs say to send one.
        String id = body.adjustmentId() != null ? body.adjustmentId() : UUID.randomUUID().toString();
        AdminOutcome outcome = commands.sendAndWait(new AdjustBalance(userId, id, body.amountCredits(), reason, who, now()));
        AccountView account = account(userId);
        return outcome == AdminOutcome.CHANGED
                ? ResponseEntity.created(URI.create("/api/accounts/" + userId)).body(account)
                : ResponseEntity.ok(account);
    }

    @PostMapping("/block")
    AccountView block(@PathVariable String userId, @RequestBody AdminRequests.Reasoned body, Caller caller) {
        validUserId(userId);
        String who = caller.actor();
        requireBody(body);
        commands.sendAndWait(new BlockUser(userId, validReason(body.reason()), who, now(), accounts.startingCredits(), accounts.defaultPlan()));
        return account(userId);
    }

    @PostMapping("/unblock")
    AccountView unblock(@PathVariable String userId, @RequestBody AdminRequests.Reasoned body, Caller caller) {
        validUserId(userId);
        String who = caller.actor();
        requireBody(body);
        commands.sendAndWait(new UnblockUser(userId, validReason(body.reason()), who, now()));
        return account(userId);
    }

    @PutMapping("/cycle-cap")
    AccountView cycleCap(@PathVariable String userId, @RequestBody AdminRequests.CycleCap body, Caller caller) {
        validUserId(userId);
        String who = caller.actor();
        requireBody(body);
        if (body.capCredits() != null && body.capCredits() < 0) {
            throw ApiException.badRequest("capCredits must not be negative (null removes the cap)");
        }
        commands.sendAndWait(new SetCycleCap(userId, body.capCredits(), validReason(body.reason()), who, now()));
        return account(userId);
    }

    /**
     * Puts the user on a configured plan; a new cycle starts now (the unspent allowance follows the new plan's
     * rollover rule). 200 with the account, also when the user already was on that plan with the same terms.
     */
    @PutMapping("/plan")
    AccountView plan(@PathVariable String userId, @RequestBody AdminRequests.PlanAssignment body, Caller caller) {
        validUserId(userId);
        String who = caller.actor();
        requireBody(body);
        if (body.planId() == null || body.planId().isBlank()) {
            throw ApiException.badRequest("planId is required");
        }
        io.creditgate.ledger.account.PlanTerms plan = accounts.find(body.planId()).orElseThrow(() -> ApiException
                .badRequest("unknown planId '" + body.planId() + "'; the plans are listed at GET /api/plans"));
        commands.sendAndWait(new io.creditgate.ledger.account.AssignPlan(userId, plan, validReason(body.reason()), who,
                now(), accounts.startingCredits(), accounts.defaultPlan()));
        return account(userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private AccountView account(String userId) {
        return queries.findAccount(userId)
                .orElseThrow(() -> new IllegalStateException("account " + userId + " missing after an admin command"));
    }

    private static void validUserId(String userId) {
        UserIdParameter.require(userId);
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "the request body must be a JSON object");
        }
    }

    private static String validReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("reason is required");
        }
        if (reason.length() > GrantController.MAX_REASON_LENGTH) {
            throw ApiException.badRequest("reason must be at most " + GrantController.MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }
}
