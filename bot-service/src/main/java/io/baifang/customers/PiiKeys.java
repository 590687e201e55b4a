package io.baifang.customers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the master key for ID numbers: configured, or (embedded default only) kept beside the data. */
final class PiiKeys {

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);

    private PiiKeys() {
    }

    static byte[] masterKey(CustomersProperties.Pii settings, Path dataDir) {
        if (settings.key() != null && !settings.key().isBlank()) {
            return decode(settings.key().trim());
        }
        if (settings.requireKey()) {
            throw new IllegalStateException("No key for ID-number encryption: set BAIFANG_PII_KEY to base64 of 32 random"
                    + " bytes (e.g. `openssl rand -base64 32`). Production refuses to start without one.");
        }
        return keyKeptIn(dataDir.resolve("pii.key"));
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("BAIFANG_PII_KEY is not base64 (e.g. `openssl rand -base64 32`)");
        }
        if (key.length != 32) {
            throw new IllegalStateException("BAIFANG_PII_KEY must decode to 32 bytes, it decodes to " + key.length);
        }
        return key;
    }

    private static byte[] keyKeptIn(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply
            }
            log.info("Generated a key for ID-number encryption in {} (keep it with the data: without it ID numbers"
                    + " cannot be read back)", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the ID-number key file " + file, e);
        }
    }
}
