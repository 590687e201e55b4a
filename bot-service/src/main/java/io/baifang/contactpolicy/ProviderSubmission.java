package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.Objects;

/** One message submitted to a provider, counted for its flow-control limit under {@code routeKey}. */
public record ProviderSubmission(Instant at, String routeKey) {

    public ProviderSubmission {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(routeKey, "routeKey");
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }

    /** Providers count the same signature and template to one number together. */
    static String routeKey(ProviderRoute route, String templateId) {
        return route.provider() + "|" + route.signature() + "|" + (templateId == null ? "" : templateId);
    }
}
