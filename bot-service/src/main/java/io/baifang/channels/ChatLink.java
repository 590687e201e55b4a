package io.baifang.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's way into web chat: {@code <baifang.public-base-url>/chat/<token>}. The token itself is known
 * only when the link is made ({@code url} is then set); a link read back later has {@code url} null, because
 * only the token's hash is kept.
 *
 * @param id        the link's id: the address of the web chat messages sent while it is the customer's newest
 * @param url       the link to send the customer, only right after it was made; else null
 * @param expiresAt null when it lasts until revoked
 */
public record ChatLink(UUID id, UUID customerId, String url, String createdBy, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {

    /** Where a link stands at a moment. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    public State stateAt(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return State.ACTIVE;
    }

    @Override
    public String toString() {
        // never the url: it carries the token
        return "ChatLink[" + id + ", customer " + customerId + "]";
    }
}
