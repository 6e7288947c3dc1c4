package io.creditgate.ledger.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.creditgate.ledger.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets an admin call through only with {@code Authorization: Bearer <creditgate.admin-key>}. Runs before
 * the body is read, so an unauthenticated caller learns nothing about the request's validity.
 */
final class AdminKeyInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    AdminKeyInterceptor(AdminProperties properties) {
        this.expectedDigest = properties.adminApiEnabled() ? sha256(properties.adminKey()) : null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (expectedDigest == null) {
            throw unauthorized("the admin API is disabled: set CREDITGATE_ADMIN_KEY");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("missing admin key: send Authorization: Bearer <CREDITGATE_ADMIN_KEY>");
        }
        // Comparing fixed-length digests in constant time leaks neither the key's content nor its length.
        byte[] presented = sha256(header.substring(BEARER.length()).trim());
        if (!MessageDigest.isEqual(presented, expectedDigest)) {
            throw unauthorized("wrong admin key");
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
