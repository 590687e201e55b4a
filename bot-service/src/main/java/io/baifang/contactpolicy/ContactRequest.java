package io.baifang.contactpolicy;

import java.util.Objects;

/**
 * One attempt for {@link ContactGate#requestAll}, with who records it and an optional note.
 *
 * @param recordedBy a staff username, or {@link ContactLogEntry#SYSTEM} for the service's own sends
 */
public record ContactRequest(ContactAttempt attempt, String recordedBy, String note) {

    public ContactRequest {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(recordedBy, "recordedBy");
    }

    public static ContactRequest bySystem(ContactAttempt attempt) {
        return new ContactRequest(attempt, ContactLogEntry.SYSTEM, null);
    }
}
