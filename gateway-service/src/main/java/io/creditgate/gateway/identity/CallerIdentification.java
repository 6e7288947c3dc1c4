package io.creditgate.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.web.OpenAiError;

/**
 * Identifies the caller: a trusted client holding the service key, and the user it asserts in a header.
 * Every refusal is a 401 in OpenAI's shape, thrown before anything is charged or forwarded.
 */
@Component
public class CallerIdentification {

    private static final String BEARER = "bearer ";

    private final byte[] serviceKeyDigest;
    private final String userHeader;
    private final int userIdMaxChars;

    CallerIdentification(IdentityProperties properties) {
        this.serviceKeyDigest = sha256(properties.serviceKey());
        this.userHeader = properties.userHeader();
        this.userIdMaxChars = properties.userIdMaxChars();
    }

    /** Requires the service key and a valid user header; returns the user to charge. */
    public UserId identify(HttpHeaders headers) {
        requireServiceKey(headers);
        return userFrom(headers.getFirst(userHeader));
    }

    /** Requires the service key only (for calls that charge nobody, such as the model list). */
    public void requireServiceKey(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw OpenAiError.unauthorized("service_key_missing",
                    "Missing service key: send it as 'Authorization: Bearer <key>'.").asException();
        }
        String presented = authorization.substring(BEARER.length()).trim();
        // Compare digests, not strings: equal length and MessageDigest.isEqual keep the time constant.
        if (!MessageDigest.isEqual(serviceKeyDigest, sha256(presented))) {
            throw OpenAiError.unauthorized("service_key_wrong",
                    "The service key is not valid for this gateway.").asException();
        }
    }

    private UserId userFrom(String header) {
        if (header == null || header.isBlank()) {
            throw OpenAiError.unauthorized("user_missing",
                    "Missing user: send the user's id in the " + userHeader + " header.").asException();
        }
        String userId = header.trim();
        // Older LibreChat versions leave a placeholder it could not fill as literal text; charging
        // that string would put many users into one shared bucket.
        if (userId.contains("{{") || userId.contains("}}")) {
            throw OpenAiError.unauthorized("user_unresolved", "The " + userHeader
                    + " header holds an unresolved placeholder (" + userId + "); the client did not fill in the user id.")
                    .asException();
        }
        if (userId.length() > userIdMaxChars) {
            throw OpenAiError.unauthorized("user_too_long", "The " + userHeader + " header is longer than "
                    + userIdMaxChars + " characters.").asException();
        }
        if (!hasOnlyAllowedCharacters(userId)) {
            throw OpenAiError.unauthorized("user_invalid", "The " + userHeader
                    + " header may not contain control characters or braces.").asException();
        }
        return new UserId(userId);
    }

    /** Braces would break the Redis hash tag {@code cg:{<userId>}:…}; control characters break logs. */
    private static boolean hasOnlyAllowedCharacters(String userId) {
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (Character.isISOControl(c) || c == '{' || c == '}') {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
