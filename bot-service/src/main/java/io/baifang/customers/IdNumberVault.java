package io.baifang.customers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps resident ID numbers unreadable at rest: AES-256-GCM with a fresh nonce per value, a keyed hash
 * (HMAC-SHA256) so a number can be found without decrypting every row, and a masked form for display.
 * Both keys are derived from one configured master key, so a leaked hash key cannot decrypt and vice versa.
 */
final class IdNumberVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random = new SecureRandom();

    IdNumberVault(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the PII key must be 32 bytes (256 bits), got " + masterKey.length);
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "baifang id-number encryption"), "AES");
        this.lookupKey = new SecretKeySpec(derive(masterKey, "baifang id-number lookup"), "HmacSHA256");
    }

    SealedIdNumber seal(String idNumber) {
        return new SealedIdNumber(encrypt(idNumber), lookupHash(idNumber), mask(idNumber));
    }

    String lookupHash(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return HexFormat.of().formatHex(mac.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    String open(String sealed) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
            byte[] nonce = new byte[NONCE_BYTES];
            buffer.get(nonce);
            byte[] cipherText = new byte[buffer.remaining()];
            buffer.get(cipherText);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            return new String(cipher.doFinal(cipherText), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never include the value: the message may end up in a log
            throw new IllegalStateException("an encrypted ID number could not be decrypted with the configured key");
        }
    }

    /** {@code 510681199104292602} → {@code 5106**********2602}. */
    static String mask(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        if (idNumber.length() <= 8) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    private String encrypt(String idNumber) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] cipherText = cipher.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE_BYTES + cipherText.length).put(nonce).put(cipherText).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] derive(byte[] masterKey, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** What is stored of an ID number: cipher text, look-up hash, masked form. */
    record SealedIdNumber(String cipherText, String lookupHash, String masked) {
    }
}
