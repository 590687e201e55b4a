package io.baifang.channels.webchat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Chat tokens: 256 random bits, URL-safe Base64 without padding (43 characters), and the SHA-256 that is all
 * the database keeps of them. A token is a bearer credential to one customer's chat, so it never reaches a log.
 */
final class ChatTokens {

    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    ChatTokens(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Could be a token we made: anything else is refused without a database look-up. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static String hashOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java runtime has SHA-256", missing);
        }
    }
}
