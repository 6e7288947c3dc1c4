package io.creditgate.console.apitoken;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.person.People;
import io.creditgate.console.person.Person;
import io.creditgate.console.token.Secrets;
import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API tokens: created by an admin within their own roles, shown once, stored hashed, revocable, audited. */
@Service
public class ApiTokenService {

    public static final String PREFIX = "cgt_";
    static final int EXPIRES_IN_DAYS_MAX = 366;
    static final int NAME_CHARS_MAX = 100;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokens tokens;
    private final People people;
    private final AccessAudit audit;
    private final Clock clock;

    ApiTokenService(ApiTokens tokens, People people, AccessAudit audit, Clock clock) {
        this.tokens = tokens;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[token=" + token + ", secret=cgt_***]";
        }
    }

    @Transactional
    public Created create(String name, Set<Role> roles, List<String> accounts, int expiresInDays, Actor actor) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_CHARS_MAX) {
            throw ApiException.badRequest("name_invalid", "name is required (at most " + NAME_CHARS_MAX + " characters).");
        }
        if (roles.isEmpty() || !actor.roles().containsAll(roles)) {
            throw ApiException.badRequest("roles_not_yours", "roles must be a non-empty subset of your own roles " + actor.roles() + ".");
        }
        if (expiresInDays < 1 || expiresInDays > EXPIRES_IN_DAYS_MAX) {
            throw ApiException.badRequest("expiry_invalid", "expiresInDays must be between 1 and " + EXPIRES_IN_DAYS_MAX + ".");
        }
        Person creator = people.byId(actor.personId()).orElseThrow(() -> ApiException.badRequest("creator_unknown",
                "API tokens are created by a signed-in person."));
        List<String> checkedAccounts = accounts == null ? List.of() : accounts.stream().map(a -> UserId.of(a).value()).distinct().toList();
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken("t-" + UUID.randomUUID(), name.strip(), creator.id(), creator.email(), roles, checkedAccounts,
                now, now.plus(Duration.ofDays(expiresInDays)), null, null);
        tokens.insert(token, Secrets.sha256(secret));
        audit.record(actor.name(), "api_token_created", token.id(), Map.of("name", token.name(),
                "roles", roles.stream().map(Role::claimValue).sorted().toList(), "accounts", checkedAccounts,
                "expiresAt", token.expiresAt().toString()), actor.clientAddress());
        return new Created(token, secret);
    }

    public List<ApiToken> list() {
        return tokens.all();
    }

    @Transactional
    public ApiToken revoke(String id, Actor actor) {
        ApiToken token = tokens.byId(id).orElseThrow(() -> ApiException.notFound("No API token has the id " + id + "."));
        if (tokens.revoke(id, clock.instant())) {
            audit.record(actor.name(), "api_token_revoked", id, Map.of("name", token.name()), actor.clientAddress());
        }
        return tokens.byId(id).orElseThrow();
    }

    /** The valid token behind a presented secret; its use is stamped. */
    public Optional<ApiToken> authenticate(String secret) {
        Instant now = clock.instant();
        Optional<ApiToken> token = tokens.usable(Secrets.sha256(secret), now);
        token.ifPresent(t -> tokens.touch(t.id(), now));
        return token;
    }
}
