package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.aCustomer;
import static io.baifang.contactpolicy.ContactPolicyFixture.aliyunNotification;
import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.campaignSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.marketingSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static io.baifang.contactpolicy.ContactPolicyFixture.staffPhoneCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.baifang.contactpolicy.ContactDecision.Allowed;
import io.baifang.contactpolicy.ContactDecision.Deferred;
import io.baifang.contactpolicy.ContactDecision.Paused;
import io.baifang.contactpolicy.ContactDecision.Reason;
import io.baifang.contactpolicy.ContactDecision.Refused;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The facade every send path calls, over the JVM store with a fixed clock. */
class ContactPolicyTests {

    private static final Instant MONDAY_10 = at("2026-03-02T10:00");

    private final ContactRules rules = shippedRules();
    private final UUID customer = aCustomer();

    private static Clock clockAt(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private ContactPolicy policyAt(Instant now, ContactCounters counters) {
        return new ContactPolicy(rules, counters, clockAt(now));
    }

    private ContactCounters recoveredJvmStore() {
        JvmContactCounters counters = new JvmContactCounters(rules);
        counters.markRecovered(MONDAY_10).block();
        return counters;
    }

    @Test
    void aSecondSameDayMarketingMessageIsRefusedWithFrequencyCap() {
        ContactCounters counters = recoveredJvmStore();
        policyAt(MONDAY_10, counters).decide(marketingSms(customer)).block();

        policyAt(at("2026-03-02T16:00"), counters).decide(marketingSms(customer))
                .as(StepVerifier::create)
                .expectNext(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T10:00")))
                .verifyComplete();
    }

    @Test
    void aStaffPhoneCallRecordedAfterAMarketingSmsTheSameDayIsRefused() {
        ContactCounters counters = recoveredJvmStore();
        policyAt(MONDAY_10, counters).decide(marketingSms(customer)).block();

        assertThat(policyAt(at("2026-03-02T14:30"), counters).decide(staffPhoneCall(customer)).block())
                .isInstanceOf(Refused.class);
    }

    @Test
    void anOptedOutCustomerGetsNoMarketingAndNothingIsCounted() {
        ContactCounters counters = recoveredJvmStore();

        assertThat(policyAt(MONDAY_10, counters).decide(marketingSms(customer).optedOut(true)).block())
                .isEqualTo(new Refused(Reason.OPTED_OUT, "opt-out", null));
        assertThat(policyAt(MONDAY_10, counters).decide(marketingSms(customer)).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void inQuietHoursMarketingIsDeferredAndNotCounted() {
        ContactCounters counters = recoveredJvmStore();

        assertThat(policyAt(at("2026-03-02T22:00"), counters).decide(marketingSms(customer)).block())
                .isEqualTo(new Deferred(Reason.QUIET_HOURS_DEFERRED, "quiet-hours", at("2026-03-03T08:00")));
        assertThat(policyAt(at("2026-03-03T08:00"), counters).decide(marketingSms(customer)).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void releasingWhatTheProviderRejectedFreesTheSlot() {
        ContactCounters counters = recoveredJvmStore();
        ContactPolicy policy = policyAt(MONDAY_10, counters);
        Allowed sent = (Allowed) policy.decide(marketingSms(customer)).block();

        policy.release(sent.reservation()).block();

        assertThat(policy.decide(marketingSms(customer)).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void whileTheCountersAreUnreachableMarketingPausesAndTransactionalMessagesGo() {
        ContactPolicy policy = policyAt(MONDAY_10, new UnreachableCounters());

        assertThat(policy.decide(marketingSms(customer)).block()).isInstanceOf(Paused.class);
        assertThat(policy.decide(ContactAttempt.transactional(customer, Channel.SMS)).block())
                .isEqualTo(Allowed.uncounted());
        assertThat(policy.decide(aliyunNotification(customer, "booking-reminder")).block())
                .isEqualTo(Allowed.uncounted());
        assertThat(policy.decideAll(List.of(marketingSms(customer), aliyunNotification(customer, "t"))).collectList().block())
                .containsExactly(new Paused("Redis is unreachable"), Allowed.uncounted());
    }

    @Test
    void whileTheCountersAreUnreachableAPreviewPausesMarketingAndAllowsTransactionalMessages() {
        ContactPolicy policy = policyAt(MONDAY_10, new UnreachableCounters());

        assertThat(policy.preview(List.of(marketingSms(customer), aliyunNotification(customer, "t"),
                marketingSms(customer).optedOut(true))).collectList().block())
                .containsExactly(new Paused("Redis is unreachable"), Allowed.uncounted(),
                        new Refused(Reason.OPTED_OUT, "opt-out", null));
    }

    @Test
    void inQuietHoursAPreviewDefersMarketingUnlessTheCapsRefuseIt() {
        ContactCounters counters = recoveredJvmStore();
        policyAt(at("2026-03-02T20:00"), counters).decide(marketingSms(customer)).block();
        UUID another = aCustomer();

        assertThat(policyAt(at("2026-03-02T22:00"), counters).preview(List.of(marketingSms(customer),
                marketingSms(another))).collectList().block())
                .containsExactly(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T20:00")),
                        new Deferred(Reason.QUIET_HOURS_DEFERRED, "quiet-hours", at("2026-03-03T08:00")));
    }

    @Test
    void untilTheCountersAreRebuiltMarketingPausesAndTransactionalMessagesGo() {
        ContactPolicy policy = policyAt(MONDAY_10, new JvmContactCounters(rules));

        assertThat(policy.decide(marketingSms(customer)).block()).isInstanceOf(Paused.class);
        assertThat(policy.decide(aliyunNotification(customer, "booking-reminder")).block())
                .isEqualTo(Allowed.uncounted());
    }

    @Test
    void aBatchIsDecidedInTheAttemptsOrderWithEachRuleApplied() {
        ContactCounters counters = recoveredJvmStore();
        UUID other = aCustomer();
        List<ContactAttempt> batch = List.of(
                campaignSms(customer, "spring-deposit", 1, 5),
                campaignSms(customer, "spring-deposit", 1, 5),
                marketingSms(other).consent(false),
                ContactAttempt.transactional(other, Channel.SMS),
                campaignSms(other, "spring-deposit", 1, 5));

        assertThat(policyAt(MONDAY_10, counters).decideAll(batch).collectList().block())
                .extracting(decision -> decision instanceof Refused refused ? refused.reason().name() : decision.getClass().getSimpleName())
                .containsExactly("Allowed", "CAMPAIGN_WAVE_CAP", "NO_CONSENT", "Allowed", "Allowed");
    }

    @Test
    void aBatchInQuietHoursIsDeferredExceptWhatTheCapsRefuse() {
        ContactCounters counters = recoveredJvmStore();
        policyAt(at("2026-03-02T20:30"), counters).decide(marketingSms(customer)).block();

        assertThat(policyAt(at("2026-03-02T22:00"), counters)
                .decideAll(List.of(marketingSms(customer), marketingSms(aCustomer()))).collectList().block())
                .containsExactly(
                        new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T20:30")),
                        new Deferred(Reason.QUIET_HOURS_DEFERRED, "quiet-hours", at("2026-03-03T08:00")));
    }

    @Test
    void aScheduledWaveHoldsItsSlotAgainstALowerPriorityCampaign() {
        ContactCounters counters = recoveredJvmStore();
        ContactPolicy monday = policyAt(MONDAY_10, counters);

        assertThat(monday.holdAhead(campaignSms(customer, "pension-day", 1, 9), at("2026-03-03T10:00")).block())
                .isInstanceOf(Allowed.class);
        assertThat(policyAt(at("2026-03-03T09:00"), counters).decide(campaignSms(customer, "card-offer", 1, 1)).block())
                .isInstanceOf(Refused.class);
        assertThat(policyAt(at("2026-03-03T10:00"), counters).decide(campaignSms(customer, "pension-day", 1, 9)).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void aBatchOfHoldsDecidesAsHoldingOneByOneAndOnlyTheCountedOnesReachTheCounters() {
        ContactCounters counters = recoveredJvmStore();
        UUID held = aCustomer();
        UUID withoutConsent = aCustomer();
        UUID fresh = aCustomer();
        Instant tuesday10 = at("2026-03-03T10:00");
        ContactPolicy monday = policyAt(MONDAY_10, counters);
        monday.holdAhead(campaignSms(held, "pension-day", 1, 9), tuesday10).block();

        List<ContactDecision> holds = monday.holdAheadAll(List.of(
                campaignSms(held, "pension-day", 1, 9),
                campaignSms(withoutConsent, "pension-day", 1, 9).consent(false),
                campaignSms(fresh, "pension-day", 1, 9)), tuesday10).collectList().block();

        assertThat(holds).hasSize(3);
        assertThat(holds.get(0)).isEqualTo(new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
        assertThat(holds.get(1)).isEqualTo(new Refused(Reason.NO_CONSENT, "consent", null));
        assertThat(((Allowed) holds.get(2)).reservation().counted().hold()).isTrue();
        assertThat(policyAt(at("2026-03-03T09:00"), counters).decide(campaignSms(fresh, "card-offer", 1, 1)).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:00")));
    }

    @Test
    void aHoldFurtherAheadThanTheHorizonIsNotPlacedTheCampaignWaitsUntilItsPlanComesWithinIt() {
        ContactCounters counters = recoveredJvmStore();
        ContactPolicy monday = policyAt(MONDAY_10, counters);
        Instant horizon = MONDAY_10.plus(rules.settings().holdHorizon());

        assertThat(rules.settings().holdHorizon()).isEqualTo(java.time.Duration.ofDays(30));
        StepVerifier.create(monday.holdAheadAll(List.of(campaignSms(customer, "spring-festival", 1, 9)),
                        horizon.plusSeconds(60)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("at most PT720H ahead"))
                .verify();
        StepVerifier.create(monday.holdAhead(campaignSms(customer, "spring-festival", 1, 9), horizon.plusSeconds(60)))
                .expectError(IllegalArgumentException.class)
                .verify();
        assertThat(monday.holdAheadAll(List.of(campaignSms(customer, "spring-festival", 1, 9)), horizon).blockFirst())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void whileTheCountersAreUnreachableABatchOfHoldsPausesAndHoldsNothing() {
        ContactPolicy policy = policyAt(MONDAY_10, new UnreachableCounters());

        assertThat(policy.holdAheadAll(List.of(campaignSms(customer, "pension-day", 1, 9),
                        campaignSms(aCustomer(), "pension-day", 1, 9).optedOut(true)), at("2026-03-03T10:00"))
                .collectList().block())
                .satisfiesExactly(
                        first -> assertThat(first).isInstanceOf(Paused.class),
                        second -> assertThat(second).isEqualTo(new Refused(Reason.OPTED_OUT, "opt-out", null)));
    }

    /** A store whose server cannot be reached. */
    private static final class UnreachableCounters implements ContactCounters {

        private static <T> Mono<T> unreachable() {
            return Mono.error(new CountersUnavailableException("Redis is unreachable"));
        }

        @Override
        public Mono<ContactDecision> reserve(ContactAttempt attempt, Instant now) {
            return unreachable();
        }

        @Override
        public Flux<ContactDecision> reserveAll(List<ContactAttempt> attempts, Instant now) {
            return Flux.error(new CountersUnavailableException("Redis is unreachable"));
        }

        @Override
        public Mono<ContactDecision> hold(ContactAttempt attempt, Instant plannedAt, Instant now) {
            return unreachable();
        }

        @Override
        public Flux<ContactDecision> holdAll(List<ContactAttempt> attempts, Instant plannedAt, Instant now) {
            return Flux.error(new CountersUnavailableException("Redis is unreachable"));
        }

        @Override
        public Mono<Void> releaseAll(List<Reservation> reservations, Instant now) {
            return unreachable();
        }

        @Override
        public Mono<Integer> forgetWaveContacts(List<UUID> customerIds, String waveKey, Instant now) {
            return unreachable();
        }

        @Override
        public Mono<ContactDecision> check(ContactAttempt attempt, Instant now) {
            return unreachable();
        }

        @Override
        public Mono<Void> release(Reservation reservation, Instant now) {
            return unreachable();
        }

        @Override
        public Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now) {
            return unreachable();
        }

        @Override
        public <T> Mono<T> exclusively(Mono<T> rebuild) {
            return unreachable();
        }

        @Override
        public Mono<java.util.Map<UUID, ContactHistory>> historiesFor(List<CounterRequest> requests) {
            return unreachable();
        }

        @Override
        public Mono<Boolean> needsRecovery() {
            return unreachable();
        }

        @Override
        public Mono<Void> markRecovered(Instant now) {
            return unreachable();
        }
    }
}
