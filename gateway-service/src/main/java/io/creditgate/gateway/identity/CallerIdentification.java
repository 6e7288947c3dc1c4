package io.creditgate.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.IdentityMetrics.Kind;
import io.creditgate.gateway.jwt.JwtAuthentication;
import io.creditgate.gateway.keys.VirtualKeyFormat;
import io.creditgate.gateway.keys.VirtualKeyIdentification;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.schemas.identity.UserId.InvalidUserIdException;
import reactor.core.publisher.Mono;

/**
 * Identifies the caller from {@code Authorization: Bearer}, one of:
 * <ul>
 * <li>the service key of a trusted client (LibreChat), with the user it asserts in a header. Checked first and
 * answered without any I/O: this path costs what it cost before keys and JWTs existed;</li>
 * <li>a personal virtual key ({@code sk-cg-…}), whose user Redis knows;</li>
 * <li>a JWT, whose user and roles are claims.</li>
 * </ul>
 * The user header counts only with the service key. Whichever credential names the user, the id must follow the
 * ledger's one rule ({@link io.creditgate.schemas.identity.UserId}): a call the ledger could not charge is never
 * served. Every refusal is an OpenAI-shaped error raised before anything is reserved, forwarded or published.
 */
@Component
public class CallerIdentification {

    private static final String BEARER = "bearer ";

    private final byte[] serviceKeyDigest;
    private final String userHeader;
    private final String userEmailHeader;
    private final VirtualKeyIdentification virtualKeys;
    private final JwtAuthentication jwt;
    private final IdentityMetrics metrics;

    CallerIdentification(IdentityProperties properties, VirtualKeyIdentification virtualKeys, JwtAuthentication jwt,
                         IdentityMetrics metrics) {
        this.serviceKeyDigest = sha256(properties.serviceKey());
        this.userHeader = properties.userHeader();
        this.userEmailHeader = properties.userEmailHeader();
        this.virtualKeys = virtualKeys;
        this.jwt = jwt;
        this.metrics = metrics;
    }

    /**
     * The user to charge. Service key: at once, from the user header. Virtual key: from Redis, refused once the
     * key spent its own budget. JWT: from its claims. Errors may also be thrown directly (call it in
     * {@code Mono.defer}).
     */
    public Mono<UserId> identify(HttpHeaders headers) {
        String presented = bearer(headers);
        if (isServiceKey(presented)) {
            metrics.identified(Kind.SERVICE_KEY);
            return Mono.just(new UserId(userFrom(headers.getFirst(userHeader)), null, emailFrom(headers.getFirst(userEmailHeader))));
        }
        if (VirtualKeyFormat.looksLikeKey(presented)) {
            return virtualKeys.identify(presented, true)
                    .map(owner -> new UserId(owner.userId(), owner.keySha256(), null))
                    .doOnNext(user -> metrics.identified(Kind.VIRTUAL_KEY))
                    .doOnError(GatewayException.class, this::countFailure);
        }
        if (jwt.enabled() && JwtAuthentication.looksLikeJwt(presented)) {
            return jwt.authenticate(presented)
                    .map(caller -> new UserId(caller.userId(), null, null))
                    .doOnNext(user -> metrics.identified(Kind.JWT))
                    .doOnError(GatewayException.class, this::countFailure);
        }
        throw wrongKey();
    }

    /**
     * Any valid credential, for calls that charge nobody (the model list): the service key needs no user
     * header there, and a virtual key that spent its budget may still list models.
     */
    public Mono<Void> requireCaller(HttpHeaders headers) {
        String presented = bearer(headers);
        if (isServiceKey(presented)) {
            return Mono.empty();
        }
        if (VirtualKeyFormat.looksLikeKey(presented)) {
            return virtualKeys.identify(presented, false).doOnError(GatewayException.class, this::countFailure).then();
        }
        if (jwt.enabled() && JwtAuthentication.looksLikeJwt(presented)) {
            return jwt.authenticate(presented).doOnError(GatewayException.class, this::countFailure).then();
        }
        throw wrongKey();
    }

    /** Whether the call presents the service key (the trusted client), without raising anything when it does not. */
    boolean presentsServiceKey(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && isServiceKey(authorization.substring(BEARER.length()).trim());
    }

    /** Virtual key and JWT refusals, by their code (a handful of this gateway's own, so few tags). */
    private void countFailure(GatewayException refusal) {
        metrics.failed(refusal.error().code());
    }

    private static String bearer(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw OpenAiError.unauthorized("service_key_missing",
                    "Missing API key: send it as 'Authorization: Bearer <key>'.").asException();
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /** Digests, not strings: equal length and MessageDigest.isEqual keep the time constant. */
    private boolean isServiceKey(String presented) {
        return MessageDigest.isEqual(serviceKeyDigest, sha256(presented));
    }

    private static RuntimeException wrongKey() {
        return OpenAiError.unauthorized("service_key_wrong",
                "The API key is not valid for this gateway.").asException();
    }

    /** The asserted email when it looks like one; else null (LibreChat may leave {@code {{LIBRECHAT_USER_EMAIL}}}). */
    static String emailFrom(String header) {
        if (header == null) {
            return null;
        }
        String email = header.strip();
        int at = email.indexOf('@');
        boolean usable = email.length() <= 254 && at > 0 && at < email.length() - 1 && !email.contains("{{")
                && email.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
        return usable ? email : null;
    }

    /**
     * The user the header names, checked against the ledger's rule: 400 {@code user_missing},
     * {@code user_unresolved}, {@code user_too_long} or {@code user_invalid} (e.g. {@code jane doe}). The value is
     * not trimmed: the ledger would refuse a padded id, so the gateway does too. One pass over at most
     * {@value io.creditgate.schemas.identity.UserId#MAX_CHARS} characters; the only allocation is the id's record.
     */
    private io.creditgate.schemas.identity.UserId userFrom(String header) {
        try {
            return io.creditgate.schemas.identity.UserId.of(header);
        } catch (InvalidUserIdException invalid) {
            throw OpenAiError.invalidRequest(invalid.problem().code(), "The " + userHeader + " header does not hold "
                    + "a usable user id. " + invalid.problem().message()
                    + (invalid.problem() == io.creditgate.schemas.identity.UserId.Problem.UNRESOLVED
                            ? " The client did not fill in its placeholder." : ""), null).asException();
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
