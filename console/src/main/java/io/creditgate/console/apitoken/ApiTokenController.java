package io.creditgate.console.apitoken;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.creditgate.console.web.Actor;
import io.creditgate.web.ApiException;
import io.creditgate.schemas.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/api-tokens}: admin creates (secret shown once), lists (never the secret) and revokes. */
@RestController
class ApiTokenController {

    private final ApiTokenService service;

    ApiTokenController(ApiTokenService service) {
        this.service = service;
    }

    record CreateToken(String name, List<String> roles, List<String> accounts, Integer expiresInDays) {
    }

    record TokenView(String id, String name, String createdBy, List<String> roles, List<String> accounts, Instant createdAt,
                     Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.creatorEmail(), t.roles().stream().map(Role::claimValue).sorted().toList(),
                    t.accounts(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt());
        }
    }

    /** The only answer that holds the secret; its toString (Spring MVC logs bodies at DEBUG) does not. */
    record CreatedView(String token, TokenView apiToken) {
        @Override
        public String toString() {
            return "CreatedView[token=cgt_***, apiToken=" + apiToken + "]";
        }
    }

    @PostMapping("/api/api-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedView create(@RequestBody CreateToken body, Authentication authentication, HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() != null) {
            for (String name : body.roles()) {
                Role role = Role.fromClaim(name);
                if (role == null) {
                    throw ApiException.badRequest("role_unknown",
                            "Unknown role '" + name + "': use user, admin or finance.");
                }
                roles.add(role);
            }
        }
        ApiTokenService.Created created = service.create(body.name(), roles, body.accounts(),
                body.expiresInDays() == null ? 90 : body.expiresInDays(), Actor.of(authentication, request));
        return new CreatedView(created.secret(), TokenView.of(created.token()));
    }

    @GetMapping("/api/api-tokens")
    List<TokenView> list() {
        return service.list().stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/api/api-tokens/{id}")
    TokenView revoke(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
        return TokenView.of(service.revoke(id, Actor.of(authentication, request)));
    }
}
