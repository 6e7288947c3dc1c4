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
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Identifies the caller from {@code Authorization: Bearer}, one of:
 * <ul>
 * <li>the service key of a trusted client (LibreChat), with the user it asserts in a header. Checked first and
 * answered without any I/O: this path costs what it cost before keys and JWTs existed;</li>
 * <li>a personal virtual key ({@code sk-cg-…}), whose user Redis knows;</li>
 * <li>a JWT, whose user and roles are claims.</li>
 * </ul>
 * The user header counts only with the service key. Every refusal is an OpenAI-shaped error raised before
 * anything is charged or forwarded.
 */
@Component
public class CallerIdentification {

    private static final String BEARER = "bearer ";

    private final byte[] serviceKeyDigest;
    private final String userHeader;
    private final String userEmailHeader;
    private final int userIdMaxChars;
    private final VirtualKeyIdentification virtualKeys;
    private final JwtAuthentication jwt;
    private final IdentityMetrics metrics;

    CallerIdentification(IdentityProperties properties, VirtualKeyIdentification virtualKeys, JwtAuthentication jwt,
                         IdentityMetrics metrics) {
        this.serviceKeyDigest = sha256(properties.serviceKey());
        this.userHeader = properties.userHeader();
        this.userEmailHeader = properties.userEmailHeader();
        this.userIdMaxChars = properties.userIdMaxChars();
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
            return Mono.just(userFrom(headers.getFirst(userHeader)).withEmail(emailFrom(headers.getFirst(userEmailHeader))));
        }
        if (VirtualKeyFormat.looksLikeKey(presented)) {
            return virtualKeys.identify(presented, true).doOnNext(user -> metrics.identified(Kind.VIRTUAL_KEY));
        }
        if (jwt.enabled() && JwtAuthentication.looksLikeJwt(presented)) {
            return jwt.authenticate(presented).map(caller -> {
                metrics.identified(Kind.JWT);
                return new UserId(caller.userId());
            });
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
            return virtualKeys.identify(presented, false).then();
        }
        if (jwt.enabled() && JwtAuthentication.looksLikeJwt(presented)) {
            return jwt.authenticate(presented).then();
        }
        throw wrongKey();
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

    private UserId userFrom(String header) {
        String userId = header == null ? null : header.trim();
        String problem = UserIdRules.problem(userId, userIdMaxChars);
        if (problem == null) {
            return new UserId(userId);
        }
        String message = switch (problem) {
            case "user_missing" -> "Missing user: send the user's id in the " + userHeader + " header.";
            case "user_unresolved" -> "The " + userHeader + " header holds an unresolved placeholder (" + userId
                    + "); the client did not fill in the user id.";
            case "user_too_long" -> "The " + userHeader + " header is longer than " + userIdMaxChars + " characters.";
            default -> "The " + userHeader + " header may not contain control characters or braces.";
        };
        throw OpenAiError.unauthorized(problem, message).asException();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
