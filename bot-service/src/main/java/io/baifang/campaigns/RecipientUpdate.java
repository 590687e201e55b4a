package io.baifang.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.baifang.channels.CampaignMessaging.Result;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.StoredMessage;
import io.baifang.contactpolicy.ContactOutcome;

/**
 * What one recipient's row becomes after its send was tried, decided from the send's result alone:
 * <ul>
 * <li>sent: {@code SENT}, or {@code DELIVERED}/{@code FAILED} when the provider already said so (a message
 * still queued at the provider is {@code SENT}: it exists, and its delivery report moves it on);</li>
 * <li>deferred by the policy (quiet hours): {@code DEFERRED} until the time it names;</li>
 * <li>refused with a time it would be allowed (a cap that frees) within the campaign's send window:
 * {@code DEFERRED} until then; otherwise {@code SUPPRESSED} with the policy's reason and rule;</li>
 * <li>paused (the counters are being rebuilt): back to {@code PENDING}, tried again shortly, never dropped;</li>
 * <li>not renderable or not reachable: {@code SUPPRESSED} with why.</li>
 * </ul>
 */
record RecipientUpdate(UUID customerId, RecipientState state, String variant, UUID messageId, String reason,
                       String rule, Instant nextAttemptAt) {

    static final String PAUSED = "PAUSED";

    /** In the hold-out group: gets nothing, counted apart for measuring lift. */
    static RecipientUpdate heldOut(UUID customerId, String variant) {
        return new RecipientUpdate(customerId, RecipientState.HELD_OUT, variant, null, null, null, null);
    }

    static RecipientUpdate of(Result result, String variant, Instant sendUntil, Instant now, Duration pausedRetry) {
        if (result instanceof Result.Sent sent) {
            return new RecipientUpdate(sent.customerId(), stateOf(sent), variant, sent.messageId(),
                    sent.status() == DeliveryStatus.FAILED || sent.status() == DeliveryStatus.UNDELIVERED
                            ? sent.errorCode() : null,
                    null, null);
        }
        if (result instanceof Result.NotAllowed notAllowed) {
            return notAllowed(notAllowed.customerId(), notAllowed.outcome(), variant, sendUntil, now, pausedRetry);
        }
        Result.Unsendable unsendable = (Result.Unsendable) result;
        return new RecipientUpdate(unsendable.customerId(), RecipientState.SUPPRESSED, variant, null,
                unsendable.reason(), null, null);
    }

    private static RecipientUpdate notAllowed(UUID customerId, ContactOutcome outcome, String variant,
                                              Instant sendUntil, Instant now, Duration pausedRetry) {
        if (outcome.isPaused()) {
            return new RecipientUpdate(customerId, RecipientState.PENDING, variant, null, PAUSED, null,
                    now.plus(pausedRetry));
        }
        Instant next = outcome.nextAllowedAt();
        boolean deferredByPolicy = outcome.decisionName().endsWith("_DEFERRED");
        boolean freesInWindow = next != null && sendUntil != null && !next.isAfter(sendUntil);
        if (next != null && (deferredByPolicy || freesInWindow)) {
            return new RecipientUpdate(customerId, RecipientState.DEFERRED, variant, null, outcome.decisionName(),
                    outcome.rule(), next);
        }
        return new RecipientUpdate(customerId, RecipientState.SUPPRESSED, variant, null, outcome.decisionName(),
                outcome.rule(), null);
    }

    private static RecipientState stateOf(Result.Sent sent) {
        return switch (sent.status()) {
            case DELIVERED -> RecipientState.DELIVERED;
            case FAILED, UNDELIVERED -> RecipientState.FAILED;
            default -> RecipientState.SENT;
        };
    }

    /**
     * A recipient whose dispatcher stopped mid-batch: its message, if one was stored under its id, says where
     * it stands (still queued counts as sent: the message exists, and either the channels' retry sweep sends it
     * or the provider's report settles it); with none stored, nothing was sent and it is pending again.
     */
    static RecipientUpdate reconciled(UUID customerId, UUID messageId, StoredMessage message) {
        if (message == null) {
            return new RecipientUpdate(customerId, RecipientState.PENDING, null, null, null, null, null);
        }
        Result.Sent sent = new Result.Sent(customerId, messageId, message.templateId(), message.variantId(),
                message.status(), message.errorCode());
        return new RecipientUpdate(customerId, stateOf(sent), null, messageId,
                stateOf(sent) == RecipientState.FAILED ? message.errorCode() : null, null, null);
    }
}
