package io.creditgate.alert.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a caller through only with {@code Authorization: Bearer <creditgate.admin-key>}, as the ledger does. The
 * callers are the dashboard's backend and admins; until JWTs exist, the key is the whole of the trust.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    ApiKeyInterceptor(ApiKeyProperties properties) {
        this.expectedDigest = properties.enabled() ? sha256(properties.adminKey()) : null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (expectedDigest == null) {
            throw unauthorized("the API is disabled: set CREDITGATE_ADMIN_KEY");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("missing key: send Authorization: Bearer <CREDITGATE_ADMIN_KEY>");
        }
        // Comparing fixed-length digests in constant time leaks neither the key's content nor its length.
        if (!MessageDigest.isEqual(sha256(header.substring(BEARER.length()).trim()), expectedDigest)) {
            throw unauthorized("wrong key");
        }
        return true;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
