package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The gate's promises that the HTTP contract cannot reach: counts and log lines stay together, quiet hours. */
class ContactGateTests {

    private final UUID customerId = UUID.randomUUID();
    private final CustomerDirectory customers = mock(CustomerDirectory.class);
    private final ContactLog contactLog = mock(ContactLog.class);
    private final List<ContactLogEntry> written = new ArrayList<>();
    private final AtomicInteger pausedSignals = new AtomicInteger();

    /** One store per test, shared by the gates a test builds at different times of day. */
    private JvmContactCounters sharedCounters;

    ContactGateTests() {
        when(customers.find(customerId)).thenReturn(Mono.just(customer(true, false)));
    }

    @Test
    void whenTheLogCannotBeWrittenTheContactIsUncountedAndTheErrorSignalled() {
        when(contactLog.recordAll(anyList()))
                .thenReturn(Mono.error(new IllegalStateException("database down")))
                .thenAnswer(call -> {
                    written.addAll(call.getArgument(0));
                    return Mono.empty();
                });
        ContactGate gate = gateAt(Clock.fixed(at("2026-03-02T10:00"), ZoneOffset.UTC), shippedPolicy());

        gate.request(ContactAttempt.marketing(customerId, Channel.SMS), "li.na", null)
                .as(StepVerifier::create)
                .expectErrorMessage("database down")
                .verify(Duration.ofSeconds(5));

        // the failed attempt left no count behind: the same-day call is allowed and logged
        ContactOutcome call = gate.request(ContactAttempt.marketing(customerId, Channel.PHONE), "li.na", "电访").block();
        assertThat(call.decisionName()).isEqualTo("ALLOWED");
        assertThat(written).singleElement().satisfies(line -> {
            assertThat(line.channel()).isEqualTo(Channel.PHONE);
            assertThat(line.recordedBy()).isEqualTo("li.na");
            assertThat(line.note()).isEqualTo("电访");
        });
    }

    @Test
    void aMarketingCallAt22IsDeferredToTheEndOfQuietHoursAndNothingIsCounted() {
        logWritesSucceed();
        ContactGate gate = gateAt(Clock.fixed(at("2026-03-02T22:00"), ZoneOffset.UTC), shippedPolicy());

        ContactOutcome late = gate.request(ContactAttempt.marketing(customerId, Channel.PHONE), "li.na", null).block();

        assertThat(late.decisionName()).isEqualTo("QUIET_HOURS_DEFERRED");
        assertThat(late.rule()).isEqualTo("quiet-hours");
        assertThat(late.nextAllowedAt()).isEqualTo(at("2026-03-03T08:00"));
        assertThat(late.isAllowed()).isFalse();
        ContactGate morning = gateAt(Clock.fixed(at("2026-03-03T08:30"), ZoneOffset.UTC), shippedPolicy());
        assertThat(morning.request(ContactAttempt.marketing(customerId, Channel.PHONE), "li.na", null).block()
                .decisionName()).isEqualTo("ALLOWED");
    }

    @Test
    void theRegistryOverridesACallerThatClaimsConsentOrMissesAnOptOut() {
        logWritesSucceed();
        when(customers.find(customerId)).thenReturn(Mono.just(customer(true, true)));
        ContactGate gate = gateAt(Clock.fixed(at("2026-03-02T10:00"), ZoneOffset.UTC), shippedPolicy());

        ContactOutcome outcome = gate.request(ContactAttempt.marketing(customerId, Channel.SMS), "system", null).block();

        assertThat(outcome.decisionName()).isEqualTo("OPTED_OUT");
        assertThat(written).singleElement().satisfies(line -> assertThat(line.rule()).isEqualTo("opt-out"));
    }

    @Test
    void anUnknownCustomerIsAnErrorAndNothingIsLogged() {
        UUID stranger = UUID.randomUUID();
        when(customers.find(stranger)).thenReturn(Mono.empty());
        logWritesSucceed();
        ContactGate gate = gateAt(Clock.fixed(at("2026-03-02T10:00"), ZoneOffset.UTC), shippedPolicy());

        gate.request(ContactAttempt.marketing(stranger, Channel.SMS), "system", null)
                .as(StepVerifier::create)
                .expectError(ContactGate.UnknownCustomerException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(written).isEmpty();
    }

    @Test
    void aPausedDecisionIsLoggedAndStartsARecovery() {
        logWritesSucceed();
        ContactRules rules = new ContactRules(shippedPolicy());
        JvmContactCounters neverRebuilt = new JvmContactCounters(rules);
        Clock clock = Clock.fixed(at("2026-03-02T10:00"), ZoneOffset.UTC);
        ContactGate gate = new ContactGate(new ContactPolicy(rules, neverRebuilt, clock), contactLog, customers,
                UUID::randomUUID, clock, pausedSignals::incrementAndGet);

        ContactOutcome outcome = gate.request(ContactAttempt.marketing(customerId, Channel.SMS), "system", null).block();

        assertThat(outcome.isPaused()).isTrue();
        assertThat(outcome.decisionName()).isEqualTo("PAUSED");
        assertThat(pausedSignals).hasValue(1);
        assertThat(written).singleElement().satisfies(line -> assertThat(line.decision()).isEqualTo("PAUSED"));
    }

    private void logWritesSucceed() {
        when(contactLog.recordAll(anyList())).thenAnswer(call -> {
            written.addAll(call.getArgument(0));
            return Mono.empty();
        });
        when(contactLog.markReleased(any(), any())).thenReturn(Mono.just(true));
    }

    private ContactGate gateAt(Clock clock, ContactPolicySettings settings) {
        ContactRules rules = new ContactRules(settings);
        JvmContactCounters counters = sharedCounters == null ? new JvmContactCounters(rules) : sharedCounters;
        if (sharedCounters == null) {
            counters.markRecovered(clock.instant()).block();
            sharedCounters = counters;
        }
        return new ContactGate(new ContactPolicy(rules, counters, clock), contactLog, customers, UUID::randomUUID,
                clock, pausedSignals::incrementAndGet);
    }

    private Customer customer(boolean consent, boolean optedOut) {
        OffsetDateTime created = OffsetDateTime.parse("2026-01-05T09:00:00+08:00");
        return new Customer(customerId, "张三", "+8613800138000", null, null, null, "JLP001", List.of(), consent,
                optedOut, null, null, null, null, true, created, created);
    }
}
