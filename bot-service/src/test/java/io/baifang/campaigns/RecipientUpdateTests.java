package io.baifang.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.baifang.channels.CampaignMessaging.Result;
import io.baifang.channels.DeliveryStatus;
import io.baifang.contactpolicy.Channel;
import io.baifang.contactpolicy.ContactCategory;
import io.baifang.contactpolicy.ContactDecision;
import io.baifang.contactpolicy.ContactLogEntry;
import io.baifang.contactpolicy.ContactOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientUpdateTests {

    private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");
    private static final Duration PAUSED_RETRY = Duration.ofSeconds(2);
    private static final UUID CUSTOMER = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();

    @Test
    void aDeliveredSendIsDeliveredAndAQueuedOneIsSent() {
        assertThat(update(sent(DeliveryStatus.DELIVERED, null), null).state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(update(sent(DeliveryStatus.SENT, null), null).state()).isEqualTo(RecipientState.SENT);
        RecipientUpdate queued = update(sent(DeliveryStatus.QUEUED, "429"), null);
        assertThat(queued.state()).isEqualTo(RecipientState.SENT);
        assertThat(queued.reason()).isNull();
    }

    @Test
    void aSendTheProviderRejectedIsFailedWithItsCode() {
        RecipientUpdate failed = update(sent(DeliveryStatus.FAILED, "21610"), null);
        assertThat(failed.state()).isEqualTo(RecipientState.FAILED);
        assertThat(failed.reason()).isEqualTo("21610");
        assertThat(failed.messageId()).isEqualTo(MESSAGE);
    }

    @Test
    void aRefusalIsSuppressedWithThePolicysReasonAndRule() {
        RecipientUpdate capped = update(notAllowed(new ContactDecision.Refused(ContactDecision.Reason.FREQUENCY_CAP,
                "marketing-1d", NOW.plus(Duration.ofHours(20)))), null);
        assertThat(capped.state()).isEqualTo(RecipientState.SUPPRESSED);
        assertThat(capped.reason()).isEqualTo("FREQUENCY_CAP");
        assertThat(capped.rule()).isEqualTo("marketing-1d");
        assertThat(capped.nextAttemptAt()).isNull();
    }

    @Test
    void aCapThatFreesWithinTheSendWindowDefersTheRecipientUntilThen() {
        Instant frees = NOW.plus(Duration.ofHours(20));
        ContactDecision refused = new ContactDecision.Refused(ContactDecision.Reason.FREQUENCY_CAP, "marketing-1d", frees);

        RecipientUpdate within = update(notAllowed(refused), NOW.plus(Duration.ofDays(2)));
        RecipientUpdate beyond = update(notAllowed(refused), NOW.plus(Duration.ofHours(10)));

        assertThat(within.state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(within.nextAttemptAt()).isEqualTo(frees);
        assertThat(beyond.state()).isEqualTo(RecipientState.SUPPRESSED);
    }

    @Test
    void quietHoursDeferTheRecipientToTheirEndWhateverTheWindow() {
        Instant end = NOW.plus(Duration.ofHours(6));
        RecipientUpdate deferred = update(notAllowed(new ContactDecision.Deferred(
                ContactDecision.Reason.QUIET_HOURS_DEFERRED, "quiet-hours", end)), null);
        assertThat(deferred.state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(deferred.reason()).isEqualTo("QUIET_HOURS_DEFERRED");
        assertThat(deferred.nextAttemptAt()).isEqualTo(end);
    }

    @Test
    void aPausedPolicyLeavesTheRecipientPendingToBeTriedAgainShortly() {
        RecipientUpdate paused = update(notAllowed(new ContactDecision.Paused("counters are being rebuilt")), null);
        assertThat(paused.state()).isEqualTo(RecipientState.PENDING);
        assertThat(paused.nextAttemptAt()).isEqualTo(NOW.plus(PAUSED_RETRY));
    }

    @Test
    void aRecipientThatCannotBeRenderedIsSuppressedWithWhy() {
        RecipientUpdate unsendable = update(new Result.Unsendable(CUSTOMER, Result.Unsendable.NOT_RENDERED,
                "template visit-invitation needs customerName"), null);
        assertThat(unsendable.state()).isEqualTo(RecipientState.SUPPRESSED);
        assertThat(unsendable.reason()).isEqualTo("NOT_RENDERED");
    }

    @Test
    void anAbandonedClaimTakesTheStatusOfTheMessageStoredUnderItsIdOrIsPendingAgain() {
        assertThat(RecipientUpdate.reconciled(CUSTOMER, MESSAGE, null).state()).isEqualTo(RecipientState.PENDING);
    }

    private static RecipientUpdate update(Result result, Instant sendUntil) {
        RecipientUpdate update = RecipientUpdate.of(result, "visit-invitation/A", sendUntil, NOW, PAUSED_RETRY);
        assertThat(update.customerId()).isEqualTo(CUSTOMER);
        assertThat(update.variant()).isEqualTo("visit-invitation/A");
        return update;
    }

    private static Result sent(DeliveryStatus status, String errorCode) {
        return new Result.Sent(CUSTOMER, MESSAGE, "visit-invitation", "A", status, errorCode);
    }

    private static Result notAllowed(ContactDecision decision) {
        String name = decision instanceof ContactDecision.Refused refused ? refused.reason().name()
                : decision instanceof ContactDecision.Deferred deferred ? deferred.reason().name() : "PAUSED";
        String rule = decision instanceof ContactDecision.Refused refused ? refused.rule()
                : decision instanceof ContactDecision.Deferred deferred ? deferred.rule() : null;
        Instant next = decision instanceof ContactDecision.Refused refused ? refused.nextAllowedAt()
                : decision instanceof ContactDecision.Deferred deferred ? deferred.until() : null;
        ContactLogEntry line = new ContactLogEntry(UUID.randomUUID(), CUSTOMER, Channel.SMS, ContactCategory.MARKETING,
                "c", 1, 5, "visit-invitation", null, null, name, rule, next, null, "system", NOW, null, null, null);
        return new Result.NotAllowed(CUSTOMER, new ContactOutcome(line, decision));
    }
}
