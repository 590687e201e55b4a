package io.baifang.customers;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param pii      how ID numbers are protected
 * @param leadSheets how lead sheets are taken in
 */
@Validated
@ConfigurationProperties("baifang.customers")
record CustomersProperties(@DefaultValue Pii pii, @DefaultValue LeadSheets leadSheets) {

    /**
     * @param key             base64 of 32 random bytes (BAIFANG_PII_KEY); without it the embedded default
     *                        keeps a generated key in {@code <data-dir>/pii.key}
     * @param requireKey      refuse to start without a configured key (production)
     */
    record Pii(String key, @DefaultValue("false") boolean requireKey) {
    }

    /**
     * @param maxUploadSize the largest sheet accepted
     * @param rowsPerBatch  rows checked, matched and written together
     */
    record LeadSheets(@DefaultValue("20MB") DataSize maxUploadSize,
                      @DefaultValue("1000") @Min(1) @Max(10_000) int rowsPerBatch) {
    }
}
