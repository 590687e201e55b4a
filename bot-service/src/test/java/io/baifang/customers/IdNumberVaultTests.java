package io.baifang.customers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumberVaultTests {

    private static final String ID = "510681199104292602";
    private final IdNumberVault vault = new IdNumberVault(new byte[32]);

    @Test
    void aSealedIdNumberOpensToItselfAndNeverShowsInTheCipherText() {
        IdNumberVault.SealedIdNumber sealed = vault.seal(ID);

        assertThat(vault.open(sealed.cipherText())).isEqualTo(ID);
        assertThat(sealed.cipherText()).doesNotContain(ID).doesNotContain("19910429");
        assertThat(sealed.masked()).isEqualTo("5106**********2602");
    }

    @Test
    void theSameNumberEncryptsDifferentlyEachTimeButHashesTheSame() {
        assertThat(vault.seal(ID).cipherText()).isNotEqualTo(vault.seal(ID).cipherText());
        assertThat(vault.lookupHash(ID)).isEqualTo(vault.seal(ID).lookupHash()).hasSize(64);
    }

    @Test
    void anotherKeyNeitherOpensNorFindsTheNumber() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        IdNumberVault other = new IdNumberVault(otherKey);

        assertThat(other.lookupHash(ID)).isNotEqualTo(vault.lookupHash(ID));
        assertThatThrownBy(() -> other.open(vault.seal(ID).cipherText()))
                .hasMessageNotContaining(ID)
                .hasMessageContaining("could not be decrypted");
    }

    @Test
    void productionRefusesToStartWithoutAConfiguredKey(@TempDir Path data) {
        assertThatThrownBy(() -> PiiKeys.masterKey(new CustomersProperties.Pii(null, true), data))
                .hasMessageContaining("BAIFANG_PII_KEY")
                .hasMessageContaining("refuses to start");
        assertThat(data.resolve("pii.key")).doesNotExist();
    }

    @Test
    void aConfiguredKeyMustBeThirtyTwoBytesOfBase64(@TempDir Path data) {
        assertThatThrownBy(() -> PiiKeys.masterKey(new CustomersProperties.Pii("not base64!", true), data))
                .hasMessageContaining("not base64");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PiiKeys.masterKey(new CustomersProperties.Pii(shortKey, true), data))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void theEmbeddedDefaultKeepsOneGeneratedKeyBesideTheData(@TempDir Path data) throws Exception {
        byte[] first = PiiKeys.masterKey(new CustomersProperties.Pii(null, false), data);
        byte[] second = PiiKeys.masterKey(new CustomersProperties.Pii(null, false), data);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(Files.getPosixFilePermissions(data.resolve("pii.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
