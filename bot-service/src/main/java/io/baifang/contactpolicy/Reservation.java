package io.baifang.contactpolicy;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an allowed attempt counted, so it can be released when the provider rejects the message, and which
 * holds it ended, so the contact log can say so.
 *
 * @param counted    the marketing contact or hold counted, or {@code null}
 * @param submission the provider submission counted, or {@code null}
 * @param usedHold   the hold of its own wave a send used instead of counting twice, or {@code null}
 * @param displaced  the lower-priority holds of other waves this attempt displaced to fit (usually none)
 */
public record Reservation(UUID customerId, CountedContact counted, ProviderSubmission submission,
        CountedContact usedHold, List<CountedContact> displaced) {

    public Reservation {
        Objects.requireNonNull(customerId, "customerId");
        displaced = displaced == null ? List.of() : List.copyOf(displaced);
    }

    /** A reservation that ended no hold. */
    public Reservation(UUID customerId, CountedContact counted, ProviderSubmission submission) {
        this(customerId, counted, submission, null, List.of());
    }
}
