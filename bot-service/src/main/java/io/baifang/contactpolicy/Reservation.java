package io.baifang.contactpolicy;

import java.util.Objects;
import java.util.UUID;

/**
 * What an allowed attempt counted, so it can be released when the provider rejects the message.
 *
 * @param counted    the marketing contact or hold counted, or {@code null}
 * @param submission the provider submission counted, or {@code null}
 */
public record Reservation(UUID customerId, CountedContact counted, ProviderSubmission submission) {

    public Reservation {
        Objects.requireNonNull(customerId, "customerId");
    }
}
