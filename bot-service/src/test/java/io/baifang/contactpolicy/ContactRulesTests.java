package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.aCustomer;
import static io.baifang.contactpolicy.ContactPolicyFixture.aliyunNotification;
import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.campaignSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.marketingSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedPolicy;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.baifang.contactpolicy.ContactDecision.Allowed;
import io.baifang.contactpolicy.ContactDecision.Deferred;
import io.baifang.contactpolicy.ContactDecision.Reason;
import io.baifang.contactpolicy.ContactDecision.Refused;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contact policy as specifications over a customer's history, under the shipped policy. */
class ContactRulesTests {

    private final ContactRules rules = shippedRules();
    private final UUID customer = aCustomer();

    private static CountedContact smsAt(String localTime) {
        return new CountedContact(at(localTime), 1, null, 0, false);
    }

    private static CountedContact holdAt(String localTime, String campaign, int priority) {
        return new CountedContact(at(localTime), 1, campaign + "#1", priority, true);
    }

    @Nested
    class QuietHours {

        @ParameterizedTest(name = "marketing at {0} waits until {1}")
        @CsvSource({
                "2026-03-02T21:00, 2026-03-03T08:00",
                "2026-03-02T22:30, 2026-03-03T08:00",
                "2026-03-02T23:59, 2026-03-03T08:00",
                "2026-03-03T00:00, 2026-03-03T08:00",
                "2026-03-03T01:15, 2026-03-03T08:00",
                "2026-03-03T07:59, 2026-03-03T08:00"})
        void deferMarketingToTheNextAllowedTimeAcrossMidnight(String now, String until) {
            assertThat(rules.decide(marketingSms(customer), ContactHistory.empty(), at(now)))
                    .isEqualTo(new Deferred(Reason.QUIET_HOURS_DEFERRED, "quiet-hours", at(until)));
        }

        @ParameterizedTest(name = "marketing at {0} goes")
        @CsvSource({"2026-03-02T08:00", "2026-03-02T12:00", "2026-03-02T20:59"})
        void allowMarketingOutsideThem(String now) {
            assertThat(rules.decide(marketingSms(customer), ContactHistory.empty(), at(now))).isInstanceOf(Allowed.class);
        }

        @Test
        void canBeSwitchedOff() {
            ContactRules noQuietHours = new ContactRules(shippedPolicy().withQuietHoursEnabled(false));

            assertThat(noQuietHours.decide(marketingSms(customer), ContactHistory.empty(), at("2026-03-02T23:00")))
                    .isInstanceOf(Allowed.class);
        }

        @Test
        void doNotApplyToTransactionalMessages() {
            assertThat(rules.decide(ContactAttempt.transactional(customer, Channel.SMS), ContactHistory.empty(),
                    at("2026-03-02T23:00"))).isEqualTo(Allowed.uncounted());
        }

        @Test
        void giveWayToACapThatRefusesAnyway() {
            ContactHistory smsThisEvening = ContactHistory.of(smsAt("2026-03-02T20:30"));

            assertThat(rules.decide(marketingSms(customer), smsThisEvening, at("2026-03-02T22:00")))
                    .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T20:30")));
        }
    }

    @Nested
    class OptOutAndConsent {

        @Test
        void anOptedOutCustomerGetsNoMarketing() {
            assertThat(rules.decide(marketingSms(customer).optedOut(true), ContactHistory.empty(), at("2026-03-02T10:00")))
                    .isEqualTo(new Refused(Reason.OPTED_OUT, "opt-out", null));
        }

        @Test
        void anOptedOutCustomerGetsNoTransactionalMessageEither() {
            ContactAttempt reminder = ContactAttempt.transactional(customer, Channel.SMS).optedOut(true);

            assertThat(rules.decide(reminder, ContactHistory.empty(), at("2026-03-02T10:00")))
                    .isEqualTo(new Refused(Reason.OPTED_OUT, "opt-out", null));
        }

        @Test
        void exceptTheOptOutConfirmationEvenInQuietHours() {
            ContactAttempt confirmation = ContactAttempt.transactional(customer, Channel.SMS)
                    .category(ContactCategory.OPT_OUT_CONFIRMATION).optedOut(true);

            assertThat(rules.decide(confirmation, ContactHistory.empty(), at("2026-03-02T23:30")))
                    .isEqualTo(Allowed.uncounted());
        }

        @Test
        void consentNoMeansNoMarketing() {
            assertThat(rules.decide(marketingSms(customer).consent(false), ContactHistory.empty(), at("2026-03-02T10:00")))
                    .isEqualTo(new Refused(Reason.NO_CONSENT, "consent", null));
        }

        @Test
        void consentNoStillAllowsTransactionalMessages() {
            ContactAttempt reminder = ContactAttempt.transactional(customer, Channel.SMS).consent(false);

            assertThat(rules.decide(reminder, ContactHistory.empty(), at("2026-03-02T10:00"))).isInstanceOf(Allowed.class);
        }
    }

    @Nested
    class Caps {

        @Test
        void transactionalMessagesSkipTheCaps() {
            ContactHistory busyDay = ContactHistory.of(smsAt("2026-03-02T09:00"), smsAt("2026-02-27T09:00"));

            assertThat(rules.decide(ContactAttempt.transactional(customer, Channel.SMS), busyDay, at("2026-03-02T10:00")))
                    .isEqualTo(Allowed.uncounted());
        }

        @Test
        void anAllowedContactSaysWhatItCounted() {
            Allowed allowed = (Allowed) rules.decide(marketingSms(customer), ContactHistory.empty(), at("2026-03-02T10:00"));

            assertThat(allowed.reservation())
                    .isEqualTo(new Reservation(customer, smsAt("2026-03-02T10:00"), null));
        }

        @Test
        void theProviderLimitRefusesTheFiftyFirstSameTemplateMessageUntilTheOldestLeavesTheDay() {
            List<ProviderSubmission> fifty = new ArrayList<>();
            for (int minute = 0; minute < 50; minute++) {
                fifty.add(new ProviderSubmission(at("2026-03-02T09:00").plusSeconds(60L * minute),
                        "aliyun|【百访银行】|booking-reminder"));
            }
            ContactHistory history = ContactHistory.empty().withSubmissions(fifty);

            assertThat(rules.decide(aliyunNotification(customer, "booking-reminder"), history, at("2026-03-02T18:00")))
                    .isEqualTo(new Refused(Reason.PROVIDER_LIMIT, "provider-aliyun-24h", at("2026-03-03T09:00")));
            assertThat(rules.decide(aliyunNotification(customer, "booking-reminder"), history, at("2026-03-03T09:00")))
                    .isInstanceOf(Allowed.class);
            assertThat(rules.decide(aliyunNotification(customer, "statement-ready"), history, at("2026-03-02T18:00")))
                    .isInstanceOf(Allowed.class);
        }
    }

    @Nested
    class StrictestRuleWins {

        @Test
        void theWeeklyCapThatLastsLongerBeatsTheDailyOne() {
            ContactHistory history = ContactHistory.of(smsAt("2026-02-27T10:00"), smsAt("2026-03-02T09:00"));

            assertThat(rules.decide(marketingSms(customer), history, at("2026-03-02T10:00")))
                    .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-7d", at("2026-03-06T10:00")));
        }

        @Test
        void aUsedWaveBeatsACapThatWouldFreeLater() {
            CountedContact waveSent = new CountedContact(at("2026-03-02T09:00"), 1, "spring-deposit#1", 5, false);

            assertThat(rules.decide(campaignSms(customer, "spring-deposit", 1, 5), ContactHistory.of(waveSent),
                    at("2026-03-02T10:00"))).isEqualTo(new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
        }

        @Test
        void optingOutBeatsEverything() {
            ContactHistory history = ContactHistory.of(smsAt("2026-03-02T09:00"));

            assertThat(rules.decide(marketingSms(customer).optedOut(true).consent(false), history, at("2026-03-02T23:00")))
                    .isEqualTo(new Refused(Reason.OPTED_OUT, "opt-out", null));
        }

        @Test
        void aRefusalBeatsAQuietHoursDeferralAndItsTimeSkipsQuietHours() {
            ContactHistory history = ContactHistory.of(smsAt("2026-03-02T22:30"));

            assertThat(rules.decide(marketingSms(customer), history, at("2026-03-02T23:00")))
                    .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T08:00")));
        }
    }

    /**
     * Reservations ahead: a scheduled wave holds a slot at its planned time; the higher priority wins the
     * last slot; a wave's own send uses its hold; an unused hold lets go after the grace (2 hours).
     */
    @Nested
    class Priority {

        private final Instant mondayMorning = at("2026-03-02T09:00");

        private ContactRules.Plan holdPlan(ContactAttempt attempt, Instant plannedAt) {
            return rules.planHold(attempt, plannedAt);
        }

        private ContactDecision hold(ContactAttempt attempt, String plannedAt, ContactHistory history) {
            ContactRules.Plan plan = holdPlan(attempt, at(plannedAt));
            return rules.evaluate(((ContactRules.Plan.Count) plan).request(), history, mondayMorning).decision();
        }

        @Test
        void aHigherPriorityCampaignDisplacesTheLowerPriorityHoldOnTheLastSlot() {
            ContactHistory cardOfferHeld = ContactHistory.of(holdAt("2026-03-03T10:00", "card-offer", 1));

            Allowed allowed = (Allowed) hold(campaignSms(customer, "pension-day", 1, 9), "2026-03-03T10:00", cardOfferHeld);

            assertThat(allowed.reservation().counted()).isEqualTo(holdAt("2026-03-03T10:00", "pension-day", 9));
            // named, so that the gate can mark the displaced hold's line in the contact log
            assertThat(allowed.reservation().displaced()).containsExactly(holdAt("2026-03-03T10:00", "card-offer", 1));
        }

        @Test
        void aLowerPriorityCampaignCannotDisplaceAHigherPriorityHold() {
            ContactHistory pensionDayHeld = ContactHistory.of(holdAt("2026-03-03T10:00", "pension-day", 9));

            assertThat(hold(campaignSms(customer, "card-offer", 1, 1), "2026-03-03T11:00", pensionDayHeld))
                    .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:00")));
        }

        @Test
        void equalPrioritiesAreFirstComeFirstServed() {
            ContactHistory held = ContactHistory.of(holdAt("2026-03-03T10:00", "card-offer", 5));

            assertThat(hold(campaignSms(customer, "fund-fair", 1, 5), "2026-03-03T10:00", held))
                    .isInstanceOf(Refused.class);
        }

        @Test
        void contactsAlreadyMadeAreNeverDisplaced() {
            ContactHistory sentThisMorning = ContactHistory.of(smsAt("2026-03-03T08:30"));

            assertThat(hold(campaignSms(customer, "pension-day", 1, 9), "2026-03-03T10:00", sentThisMorning))
                    .isInstanceOf(Refused.class);
        }

        @Test
        void aWavesOwnSendUsesItsHoldRatherThanCountingTwice() {
            ContactHistory held = ContactHistory.of(holdAt("2026-03-03T10:00", "pension-day", 9));

            assertThat(rules.decide(campaignSms(customer, "pension-day", 1, 9), held, at("2026-03-03T10:00")))
                    .isEqualTo(new Allowed(new Reservation(customer,
                            new CountedContact(at("2026-03-03T10:00"), 1, "pension-day#1", 9, false), null,
                            holdAt("2026-03-03T10:00", "pension-day", 9), List.of())));
        }

        @Test
        void anImmediateSendOfAnotherCampaignIsRefusedWhileTheSlotIsHeld() {
            ContactHistory held = ContactHistory.of(holdAt("2026-03-03T10:00", "pension-day", 9));

            assertThat(rules.decide(campaignSms(customer, "card-offer", 1, 1), held, at("2026-03-02T15:00")))
                    .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:00")));
        }

        @Test
        void anUnusedHoldLetsGoAfterItsGrace() {
            ContactHistory held = ContactHistory.of(holdAt("2026-03-03T10:00", "pension-day", 9));

            assertThat(rules.decide(marketingSms(customer), held, at("2026-03-03T12:00"))).isInstanceOf(Allowed.class);
        }

        @Test
        void displacesOnlyTheHoldsThatStandInTheWay() {
            ContactHistory twoHolds = ContactHistory.of(
                    holdAt("2026-03-03T10:00", "card-offer", 1),
                    holdAt("2026-03-20T10:00", "fund-fair", 1));

            Allowed allowed = (Allowed) hold(campaignSms(customer, "pension-day", 1, 9), "2026-03-03T11:00", twoHolds);
            ContactRules.Plan.Count plan = (ContactRules.Plan.Count) holdPlan(campaignSms(customer, "pension-day", 1, 9),
                    at("2026-03-03T11:00"));

            assertThat(allowed).isNotNull();
            assertThat(rules.evaluate(plan.request(), twoHolds, mondayMorning).updated().counted())
                    .containsExactly(holdAt("2026-03-20T10:00", "fund-fair", 1), holdAt("2026-03-03T11:00", "pension-day", 9));
        }
    }

    /** The counters as the contact log says they should be: contacts, and holds that still stand. */
    @Nested
    class FromTheLog {

        private final Instant now = at("2026-03-02T09:00");

        @Test
        void aHoldInTheLogCountsAtItsPlannedTime() {
            ContactAttempt pensionDay = campaignSms(customer, "pension-day", 1, 9);

            ContactHistory history = rules.historyOf(List.of(PastContact.heldFor(pensionDay, at("2026-03-03T10:00"))), now);

            assertThat(history.counted()).containsExactly(holdAt("2026-03-03T10:00", "pension-day", 9));
            assertThat(rules.decide(marketingSms(customer), history, at("2026-03-03T09:00"))).isInstanceOf(Refused.class);
        }

        @Test
        void aHoldWhoseWaveWasSentIsUsedAndCountsOnce() {
            ContactAttempt pensionDay = campaignSms(customer, "pension-day", 1, 9);

            ContactHistory history = rules.historyOf(List.of(
                    PastContact.heldFor(pensionDay, at("2026-03-02T10:00")),
                    PastContact.of(pensionDay, at("2026-03-02T10:00"))), at("2026-03-02T10:30"));

            assertThat(history.counted()).containsExactly(
                    new CountedContact(at("2026-03-02T10:00"), 1, "pension-day#1", 9, false));
        }

        @Test
        void aHoldPastItsGraceIsNotRebuilt() {
            ContactHistory history = rules.historyOf(
                    List.of(PastContact.heldFor(campaignSms(customer, "pension-day", 1, 9), at("2026-03-02T06:59"))),
                    now);

            assertThat(history.counted()).isEmpty();
        }

        @Test
        void aHoldCountsNoProviderSubmission() {
            ContactAttempt viaAliyun = campaignSms(customer, "pension-day", 1, 9).withTemplate("t").via("aliyun", "【百访银行】");

            assertThat(rules.historyOf(List.of(PastContact.heldFor(viaAliyun, at("2026-03-03T10:00"))), now).submissions())
                    .isEmpty();
        }
    }
}
