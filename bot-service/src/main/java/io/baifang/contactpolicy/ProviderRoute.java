package io.baifang.contactpolicy;

import java.util.Objects;

/**
 * The SMS provider and signature (签名, e.g. 【百访银行】) a message goes out with. Providers count
 * messages with the same signature and template to one number; we count them per customer.
 */
public record ProviderRoute(String provider, String signature) {

    public ProviderRoute {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(signature, "signature");
    }
}
