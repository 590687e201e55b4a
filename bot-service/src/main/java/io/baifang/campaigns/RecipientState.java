package io.baifang.campaigns;

/**
 * Where one recipient stands. The API counts {@code PENDING} to {@code DEFERRED}; {@code SENDING} (claimed
 * by a dispatcher on H2, counted as {@code PENDING}; on PostgreSQL a claimed recipient stays as it was and its
 * claim is a row of its own) and {@code HELD_OUT} (the hold-out group, counted apart) are the dispatcher's own.
 */
enum RecipientState {
    PENDING, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED, DEFERRED, HELD_OUT;

    /** The states {@code GET /api/campaigns/{id}} counts, in the order it shows them. */
    static final java.util.List<RecipientState> COUNTED = java.util.List.of(PENDING, SENT, DELIVERED, FAILED,
            SUPPRESSED, DEFERRED);

    /** Its message went out: a reply may answer it. */
    boolean wasSent() {
        return this == SENT || this == DELIVERED;
    }

    /** The state the API shows for it. */
    RecipientState shownAs() {
        return this == SENDING ? PENDING : this;
    }
}
