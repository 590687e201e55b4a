package io.baifang.channels;

import java.util.UUID;

import io.baifang.contactpolicy.ContactOutcome;

/** What became of one send: a stored message (whatever the provider said), or the contact policy's refusal. */
public sealed interface SendResult {

    /**
     * The message was stored and handed to its channel.
     *
     * @param status    {@code SENT} (accepted), {@code QUEUED} (the provider asked us to try again later) or
     *                  {@code FAILED} (rejected for good; the contact was released)
     * @param errorCode the rejection's reason ({@link RejectionReason} name), or the retry's cause; else null
     */
    record Sent(UUID messageId, DeliveryStatus status, String errorCode) implements SendResult {
    }

    /**
     * The contact policy deferred it (quiet hours): the message is stored {@code QUEUED}, nothing is counted,
     * and it is decided again at {@code outcome.nextAllowedAt()}.
     */
    record Deferred(UUID messageId, ContactOutcome outcome) implements SendResult {
    }

    /** The contact policy did not allow it: nothing was stored or sent, nothing counted. */
    record Refused(ContactOutcome outcome) implements SendResult {
    }
}
