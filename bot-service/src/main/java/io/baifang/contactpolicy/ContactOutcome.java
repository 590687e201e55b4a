package io.baifang.contactpolicy;

import java.time.Instant;

/**
 * What {@link ContactGate} answered for one attempt, and the contact log line that keeps it. Keep the
 * outcome (or its {@code logEntryId}) of an allowed contact to {@link ContactGate#release release} it if the
 * provider rejects the message.
 */
public record ContactOutcome(ContactLogEntry logEntry, ContactDecision decision) {

    public boolean isAllowed() {
        return decision.isAllowed();
    }

    /** Marketing could not be decided (the counters are lost or unreachable): pause and ask again shortly. */
    public boolean isPaused() {
        return decision instanceof ContactDecision.Paused;
    }

    public java.util.UUID logEntryId() {
        return logEntry.id();
    }

    /** {@code ALLOWED}, {@code FREQUENCY_CAP}, {@code OPTED_OUT}, …, {@code QUIET_HOURS_DEFERRED}, {@code PAUSED}. */
    public String decisionName() {
        return logEntry.decision();
    }

    public String rule() {
        return logEntry.rule();
    }

    public Instant nextAllowedAt() {
        return logEntry.nextAllowedAt();
    }
}
