package io.creditgate.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The bootstrap admin key ({@code creditgate.admin-key}) presented as a bearer token: the caller becomes
 * {@link Caller#adminKey()}. Any other token is left to the JWT provider (this one answers null).
 */
final class AdminKeyAuthenticationProvider implements AuthenticationProvider {

    private final byte[] expectedDigest;

    /** @param adminKey the key; never blank (the configuration leaves this provider out then) */
    AdminKeyAuthenticationProvider(String adminKey) {
        this.expectedDigest = sha256(adminKey);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        // Comparing fixed-length digests in constant time leaks neither the key's content nor its length.
        if (MessageDigest.isEqual(sha256(token), expectedDigest)) {
            return new CallerAuthentication(Caller.adminKey());
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
