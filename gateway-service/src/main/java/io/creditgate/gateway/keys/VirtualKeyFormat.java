package io.creditgate.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What a personal virtual key looks like: {@code sk-cg-} and 43 base62 characters (256 random bits from
 * {@link SecureRandom}). Only its SHA-256 is stored; a key is high-entropy, so an unsalted fast hash is enough
 * (nobody can guess their way back from it) and lets the hot path find a key with one lookup.
 */
public final class VirtualKeyFormat {

    public static final String PREFIX = "sk-cg-";
    static final int RANDOM_CHARS = 43;
    /** Characters shown when listing keys, the prefix included, e.g. {@code sk-cg-4fX9}: enough to tell keys apart. */
    static final int VISIBLE_CHARS = PREFIX.length() + 4;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VirtualKeyFormat() {
    }

    static String generate() {
        StringBuilder key = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            // nextInt(62) is uniform (no modulo bias), so every character carries log2(62) bits.
            key.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return key.toString();
    }

    public static boolean looksLikeKey(String token) {
        return token.startsWith(PREFIX);
    }

    static String visiblePrefix(String key) {
        return key.substring(0, VISIBLE_CHARS);
    }

    /** SHA-256 of the key, lower-case hex: what PostgreSQL and Redis know of it. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
