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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.baifang.contactpolicy.ContactDecision.Allowed;
import io.baifang.contactpolicy.ContactDecision.Paused;
import io.baifang.contactpolicy.ContactDecision.Reason;
import io.baifang.contactpolicy.ContactDecision.Refused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * What every {@link ContactCounters} store must do, run against the JVM store and against Redis. Times are
 * on branch clocks (Asia/Shanghai) under the shipped policy: 1 a day, 2 a week, 4 in 30 days, one per wave.
 */
abstract class ContactCountersContractTests {

    private static final Instant MONDAY_10 = at("2026-03-02T10:00");

    private final List<ContactCounters> created = new ArrayList<>();

    /** A fresh, empty store of the kind under test deciding by these rules. */
    abstract ContactCounters newStore(ContactRules rules);

    /** Removes what a store left behind. */
    abstract void discard(ContactCounters store);

    private ContactCounters recoveredStore(ContactRules rules) {
        ContactCounters store = newStore(rules);
        created.add(store);
        store.markRecovered(MONDAY_10).block();
        return store;
    }

    private ContactCounters store() {
        return recoveredStore(shippedRules());
    }

    @AfterEach
    void discardStores() {
        created.forEach(this::discard);
    }

    @Test
    void allowsOneMarketingContactADayAndRefusesTheSecondNamingMarketing1d() {
        ContactCounters store = store();
        UUID customer = aCustomer();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(marketingSms(customer), at("2026-03-02T15:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T10:00")));
    }

    @Test
    void refusesAThirdContactInAWeekNamingMarketing7d() {
        ContactCounters store = store();
        UUID customer = aCustomer();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(marketingSms(customer), at("2026-03-03T10:00")).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(marketingSms(customer), at("2026-03-05T10:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-7d", at("2026-03-09T10:00")));
    }

    @Test
    void refusesAFifthContactInThirtyDaysNamingMarketing30d() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        for (String day : List.of("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23")) {
            assertThat(store.reserve(marketingSms(customer), at(day + "T10:00")).block()).isInstanceOf(Allowed.class);
        }

        assertThat(store.reserve(marketingSms(customer), at("2026-03-30T10:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-30d", at("2026-04-01T10:00")));
    }

    @Test
    void windowsSlideRatherThanFollowCalendarDays() {
        ContactCounters store = store();
        UUID customer = aCustomer();

        assertThat(store.reserve(marketingSms(customer), at("2026-03-02T23:59")).block()).isInstanceOf(Allowed.class);
        // two minutes later, on the next calendar day, still within one day; the slot frees at 23:59, in
        // quiet hours, so the next allowed time is when they end
        assertThat(store.reserve(marketingSms(customer), at("2026-03-03T00:01")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T08:00")));
        assertThat(store.reserve(marketingSms(customer), at("2026-03-03T23:59")).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void releasingAReservationFreesTheSlot() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        Allowed first = (Allowed) store.reserve(marketingSms(customer), MONDAY_10).block();

        store.release(first.reservation(), MONDAY_10.plusSeconds(5)).block();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10.plusSeconds(10)).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void aStaffPhoneCallAfterAMarketingSmsTheSameDayIsRefused() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        store.reserve(marketingSms(customer), MONDAY_10).block();

        assertThat(store.reserve(staffPhoneCall(customer), at("2026-03-02T14:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T10:00")));
    }

    @Test
    void channelWeightsCountAgainstTheCaps() {
        ContactRules weighted = new ContactRules(ContactPolicyFile.parse("""
                marketing:
                  caps:
                    - {id: marketing-1d, max: 2, window: P1D}
                    - {id: marketing-7d, max: 3, window: P7D}
                  campaign-wave: {id: campaign-wave, max: 1}
                  channel-weights: {SMS: 1, PHONE: 2}
                quiet-hours: {id: quiet-hours, enabled: false, start: "21:00", end: "08:00"}
                """, "a phone call weighs two"));
        ContactCounters store = recoveredStore(weighted);
        UUID customer = aCustomer();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(staffPhoneCall(customer), at("2026-03-02T11:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T10:00")));
        assertThat(store.reserve(staffPhoneCall(customer), at("2026-03-03T11:00")).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(marketingSms(customer), at("2026-03-04T11:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-7d", at("2026-03-09T10:00")));
    }

    @Test
    void aSecondMessageOfTheSameCampaignWaveIsRefused() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        store.reserve(campaignSms(customer, "spring-deposit", 1, 5), MONDAY_10).block();

        assertThat(store.reserve(campaignSms(customer, "spring-deposit", 1, 5), at("2026-03-05T10:00")).block())
                .isEqualTo(new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
        assertThat(store.reserve(campaignSms(customer, "spring-deposit", 2, 5), at("2026-03-05T10:00")).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void forgettingAWavesContactsFreesItsCustomersButLeavesItsHoldsAndOtherWavesAlone() {
        ContactCounters store = store();
        UUID counted = aCustomer();
        UUID holding = aCustomer();
        UUID inTheNextWave = aCustomer();
        Instant wednesday10 = at("2026-03-04T10:00");
        store.reserve(campaignSms(counted, "spring-deposit", 1, 5), MONDAY_10).block();
        store.hold(campaignSms(holding, "spring-deposit", 1, 5), wednesday10, MONDAY_10).block();
        store.reserve(campaignSms(inTheNextWave, "spring-deposit", 2, 5), MONDAY_10).block();

        assertThat(store.forgetWaveContacts(List.of(counted, holding, inTheNextWave), "spring-deposit#1",
                MONDAY_10.plusSeconds(5)).block()).isEqualTo(1);

        // free again for its wave and for the daily cap
        assertThat(store.reserve(campaignSms(counted, "spring-deposit", 1, 5), MONDAY_10.plusSeconds(10)).block())
                .isInstanceOf(Allowed.class);
        // the hold still stands in the way of a lower-priority campaign the same day
        assertThat(store.reserve(campaignSms(holding, "card-offer", 1, 1), at("2026-03-04T09:00")).block())
                .isInstanceOf(Refused.class);
        assertThat(store.reserve(campaignSms(inTheNextWave, "spring-deposit", 2, 5), at("2026-03-05T10:00")).block())
                .isEqualTo(new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
    }

    @Test
    void refusesTheFiftyFirstSameTemplateMessageFromAProviderInADay() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        for (int i = 0; i < 50; i++) {
            assertThat(store.reserve(aliyunNotification(customer, "booking-reminder"), MONDAY_10.plusSeconds(i)).block())
                    .isInstanceOf(Allowed.class);
        }

        assertThat(store.reserve(aliyunNotification(customer, "booking-reminder"), MONDAY_10.plusSeconds(60)).block())
                .isEqualTo(new Refused(Reason.PROVIDER_LIMIT, "provider-aliyun-24h", MONDAY_10.plus(Duration.ofDays(1))));
        assertThat(store.reserve(aliyunNotification(customer, "booking-confirmation"), MONDAY_10.plusSeconds(60)).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void aHigherPriorityCampaignDisplacesALowerPriorityHoldOnTheLastSlot() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        Instant tuesday10 = at("2026-03-03T10:00");

        assertThat(store.hold(campaignSms(customer, "card-offer", 1, 1), tuesday10, MONDAY_10).block())
                .isInstanceOf(Allowed.class);
        assertThat(store.hold(campaignSms(customer, "pension-day", 1, 9), tuesday10.plusSeconds(60), MONDAY_10).block())
                .isInstanceOf(Allowed.class);

        assertThat(store.reserve(campaignSms(customer, "card-offer", 1, 1), tuesday10).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:01")));
        assertThat(store.reserve(campaignSms(customer, "pension-day", 1, 9), tuesday10.plusSeconds(60)).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void aLowerPriorityCampaignCannotTakeASlotHeldByAHigherPriorityOne() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        Instant tuesday10 = at("2026-03-03T10:00");
        store.hold(campaignSms(customer, "pension-day", 1, 9), tuesday10, MONDAY_10).block();

        assertThat(store.reserve(campaignSms(customer, "card-offer", 1, 1), at("2026-03-03T09:00")).block())
                .isInstanceOf(Refused.class);
        assertThat(store.reserve(campaignSms(customer, "pension-day", 1, 9), tuesday10).block())
                .isInstanceOf(Allowed.class);
    }

    @Test
    void checkingCountsNothing() {
        ContactCounters store = store();
        UUID customer = aCustomer();

        assertThat(store.check(marketingSms(customer), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(store.check(marketingSms(customer), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(((Allowed) store.reserve(marketingSms(customer), MONDAY_10).block()).reservation()).isNotNull();
        assertThat(store.check(marketingSms(customer), MONDAY_10.plusSeconds(1)).block()).isInstanceOf(Refused.class);
    }

    @Test
    void batchDecisionsEqualOneByOneDecisions() {
        ContactCounters batched = store();
        ContactCounters oneByOne = store();
        Random random = new Random(42);
        List<UUID> customers = List.of(aCustomer(), aCustomer(), aCustomer(), aCustomer(), aCustomer());
        Instant now = MONDAY_10;
        for (int round = 0; round < 12; round++) {
            List<ContactAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                UUID customer = customers.get(random.nextInt(customers.size()));
                attempts.add(random.nextBoolean()
                        ? campaignSms(customer, "c" + random.nextInt(3), random.nextInt(2), random.nextInt(3))
                        : random.nextBoolean() ? staffPhoneCall(customer) : aliyunNotification(customer, "t1"));
            }
            List<ContactDecision> fromBatch = batched.reserveAll(attempts, now).collectList().block();
            List<ContactDecision> fromSingles = new ArrayList<>();
            for (ContactAttempt attempt : attempts) {
                fromSingles.add(oneByOne.reserve(attempt, now).block());
            }

            assertThat(fromBatch).isEqualTo(fromSingles);
            now = now.plus(Duration.ofHours(9));
        }
    }

    @Test
    void rebuildingFromTheContactLogRestoresACustomersCounters() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        List<PastContact> log = List.of(
                PastContact.of(marketingSms(customer), at("2026-02-27T10:00")),
                PastContact.of(campaignSms(customer, "spring-deposit", 1, 5), at("2026-03-01T10:00")),
                PastContact.of(aliyunNotification(customer, "booking-reminder"), at("2026-03-01T11:00")));

        store.rebuild(customer, log, MONDAY_10).block();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-7d", at("2026-03-06T10:00")));
        assertThat(store.reserve(campaignSms(customer, "spring-deposit", 1, 5), at("2026-03-10T10:00")).block())
                .isEqualTo(new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
    }

    @Test
    void rebuildingReplacesWhatTheStoreHad() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        store.reserve(marketingSms(customer), MONDAY_10).block();

        store.rebuild(customer, List.of(), MONDAY_10.plusSeconds(1)).block();

        assertThat(store.reserve(marketingSms(customer), MONDAY_10.plusSeconds(2)).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void aStoreThatWasNeverRebuiltPausesMarketingInsteadOfGuessing() {
        ContactCounters store = newStore(shippedRules());
        created.add(store);

        StepVerifier.create(store.needsRecovery()).expectNext(true).verifyComplete();
        assertThat(store.reserve(marketingSms(aCustomer()), MONDAY_10).block()).isInstanceOf(Paused.class);

        store.markRecovered(MONDAY_10).block();

        StepVerifier.create(store.needsRecovery()).expectNext(false).verifyComplete();
        assertThat(store.reserve(marketingSms(aCustomer()), MONDAY_10).block()).isInstanceOf(Allowed.class);
    }

    @Test
    void aSendNamesTheHoldOfItsWaveItUsedAndAHigherPriorityHoldNamesTheHoldItDisplaced() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        Instant tuesday10 = at("2026-03-03T10:00");
        Allowed cardOffer = (Allowed) store.hold(campaignSms(customer, "card-offer", 1, 1), tuesday10, MONDAY_10).block();
        Allowed pensionDay = (Allowed) store.hold(campaignSms(customer, "pension-day", 1, 9), tuesday10.plusSeconds(60),
                MONDAY_10).block();

        assertThat(pensionDay.reservation().displaced()).containsExactly(cardOffer.reservation().counted());
        assertThat(pensionDay.reservation().usedHold()).isNull();
        Allowed sent = (Allowed) store.reserve(campaignSms(customer, "pension-day", 1, 9), tuesday10.plusSeconds(60)).block();
        assertThat(sent.reservation().usedHold()).isEqualTo(pensionDay.reservation().counted());
        assertThat(sent.reservation().displaced()).isEmpty();
    }

    @Test
    void batchHoldsEqualOneByOneHoldsAndHigherPrioritiesStillDisplaceLowerOnes() {
        ContactCounters batched = store();
        ContactCounters oneByOne = store();
        Random random = new Random(7);
        List<UUID> customers = List.of(aCustomer(), aCustomer(), aCustomer(), aCustomer());
        Instant tuesday10 = at("2026-03-03T10:00");
        for (int round = 0; round < 10; round++) {
            List<ContactAttempt> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                UUID customer = customers.get(random.nextInt(customers.size()));
                attempts.add(campaignSms(customer, "c" + random.nextInt(4), 1, random.nextInt(4)));
            }
            Instant plannedAt = tuesday10.plus(Duration.ofHours(round * 5L));
            List<ContactDecision> fromBatch = batched.holdAll(attempts, plannedAt, MONDAY_10).collectList().block();
            List<ContactDecision> fromSingles = new ArrayList<>();
            for (ContactAttempt attempt : attempts) {
                fromSingles.add(oneByOne.hold(attempt, plannedAt, MONDAY_10).block());
            }

            assertThat(fromBatch).isEqualTo(fromSingles);
        }
    }

    @Test
    void releasingABatchOfHoldsFreesEverySlotAndLeavesAHoldAlreadyUsedAlone() {
        ContactCounters store = store();
        Instant tuesday10 = at("2026-03-03T10:00");
        List<UUID> customers = List.of(aCustomer(), aCustomer(), aCustomer());
        List<ContactAttempt> holds = customers.stream().map(customer -> campaignSms(customer, "pension-day", 1, 9)).toList();
        List<Reservation> held = store.holdAll(holds, tuesday10, MONDAY_10).collectList().block().stream()
                .map(hold -> ((Allowed) hold).reservation()).toList();
        // the first customer's send used its hold before the wave was cancelled
        assertThat(store.reserve(holds.get(0), tuesday10).block()).isInstanceOf(Allowed.class);

        store.releaseAll(held, tuesday10.plusSeconds(1)).block();

        assertThat(store.reserve(campaignSms(customers.get(0), "card-offer", 1, 1), tuesday10.plusSeconds(2)).block())
                .as("the contact the send made stands").isInstanceOf(Refused.class);
        for (UUID released : customers.subList(1, 3)) {
            assertThat(store.reserve(campaignSms(released, "card-offer", 1, 1), tuesday10.plusSeconds(2)).block())
                    .isInstanceOf(Allowed.class);
        }
    }

    @Test
    void rebuildingRestoresTheHoldsThatStillStand() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        List<PastContact> log = List.of(PastContact.heldFor(campaignSms(customer, "pension-day", 1, 9),
                at("2026-03-03T10:00")));

        store.rebuild(customer, log, MONDAY_10).block();

        assertThat(store.reserve(campaignSms(customer, "card-offer", 1, 1), at("2026-03-03T09:00")).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:00")));
        assertThat(store.reserve(campaignSms(customer, "pension-day", 1, 9), at("2026-03-03T10:00")).block())
                .isInstanceOf(Allowed.class);
    }

    private static ContactPolicy policyOver(ContactCounters store, Instant now) {
        return new ContactPolicy(shippedRules(), store, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aPreviewDecidesAsTheStoreWouldAndAttemptsInOnePreviewSeeEachOtherButNothingIsCounted() {
        ContactCounters store = store();
        UUID fresh = aCustomer();
        UUID contactedToday = aCustomer();
        store.reserve(marketingSms(contactedToday), at("2026-03-02T09:00")).block();
        ContactPolicy policy = policyOver(store, MONDAY_10);

        List<ContactDecision> preview = policy.preview(List.of(
                marketingSms(fresh),
                staffPhoneCall(fresh),
                marketingSms(contactedToday),
                ContactAttempt.transactional(fresh, Channel.SMS),
                marketingSms(aCustomer()).consent(false))).collectList().block();

        assertThat(preview).containsExactly(
                Allowed.uncounted(),
                new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T10:00")),
                new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T09:00")),
                Allowed.uncounted(),
                new Refused(Reason.NO_CONSENT, "consent", null));
        // nothing was counted: the real decision is still allowed, and the refusal did not move
        assertThat(store.reserve(marketingSms(fresh), MONDAY_10).block()).isInstanceOf(Allowed.class);
        assertThat(store.reserve(marketingSms(contactedToday), MONDAY_10).block())
                .isEqualTo(new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-03T09:00")));
    }

    @Test
    void aPreviewSeesHoldsWavesAndProviderSubmissions() {
        ContactCounters store = store();
        UUID customer = aCustomer();
        Instant tuesday10 = at("2026-03-03T10:00");
        store.hold(campaignSms(customer, "pension-day", 1, 9), tuesday10, MONDAY_10).block();
        UUID busy = aCustomer();
        for (int i = 0; i < 50; i++) {
            store.reserve(aliyunNotification(busy, "booking-reminder"), MONDAY_10.minusSeconds(100 - i)).block();
        }
        store.reserve(campaignSms(busy, "spring-deposit", 1, 5), at("2026-02-20T10:00")).block();

        assertThat(policyOver(store, at("2026-03-03T09:00")).preview(List.of(
                campaignSms(customer, "card-offer", 1, 1),
                campaignSms(customer, "pension-day", 1, 9),
                aliyunNotification(busy, "booking-reminder"),
                campaignSms(busy, "spring-deposit", 1, 5))).collectList().block())
                .containsExactly(
                        new Refused(Reason.FREQUENCY_CAP, "marketing-1d", at("2026-03-04T10:00")),
                        Allowed.uncounted(),
                        new Refused(Reason.PROVIDER_LIMIT, "provider-aliyun-24h", MONDAY_10.minusSeconds(100).plus(Duration.ofDays(1))),
                        new Refused(Reason.CAMPAIGN_WAVE_CAP, "campaign-wave", null));
    }

    @Test
    void aPreviewPausesMarketingWhileTheCountersNeedRecovery() {
        ContactCounters store = newStore(shippedRules());
        created.add(store);

        assertThat(policyOver(store, MONDAY_10).preview(List.of(marketingSms(aCustomer()),
                aliyunNotification(aCustomer(), "booking-reminder"))).collectList().block())
                .satisfiesExactly(
                        first -> assertThat(first).isInstanceOf(Paused.class),
                        second -> assertThat(second).isEqualTo(Allowed.uncounted()));
    }
}
