package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.marketingSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.baifang.contactpolicy.ContactDecision.Refused;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Recovery reads the contact log as a stream, one customer at a time, and insists on the log's order. */
class CounterRecoveryTests {

    private static final Instant MONDAY_10 = at("2026-03-02T10:00");

    private final ContactRules rules = shippedRules();
    private final JvmContactCounters store = new JvmContactCounters(rules);

    private CounterRecovery recoveryOver(ContactCounters counters) {
        return new CounterRecovery(counters, rules.settings(), Clock.fixed(MONDAY_10, ZoneOffset.UTC), Duration.ZERO,
                Duration.ofMillis(10));
    }

    /** Customers in the log's order: {@code new UUID(0, n)} ascends as the database orders a uuid. */
    private static PastContact smsOfCustomer(long n) {
        return PastContact.of(marketingSms(new UUID(0, n)), MONDAY_10.minus(Duration.ofHours(5)));
    }

    @Test
    void aLargeLogIsRebuiltOneCustomerAtATimeWithoutHoldingItAllInMemory() {
        int customers = 100_000;
        AtomicInteger read = new AtomicInteger();
        AtomicInteger rebuilt = new AtomicInteger();
        AtomicInteger mostHeldAtOnce = new AtomicInteger();
        ContactCounters watched = new ContactCountersWatch(store) {
            @Override
            public Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now) {
                return super.rebuild(customerId, contacts, now).doOnSuccess(done -> rebuilt.addAndGet(contacts.size()));
            }
        };

        CounterRecovery.Recovery done = recoveryOver(watched)
                .recoverIfNeeded(since -> Flux.range(0, customers)
                        .map(CounterRecoveryTests::smsOfCustomer)
                        .doOnNext(contact -> mostHeldAtOnce.accumulateAndGet(read.incrementAndGet() - rebuilt.get(),
                                Math::max)))
                .block(Duration.ofSeconds(60));

        assertThat(done).isEqualTo(new CounterRecovery.Recovery(true, customers, customers,
                MONDAY_10.minus(Duration.ofDays(30))));
        assertThat(rebuilt).hasValue(customers);
        // read ahead is bounded by the pipeline's prefetch, not by the size of the log
        assertThat(mostHeldAtOnce.get()).isLessThan(2_000);
        assertThat(store.reserve(marketingSms(new UUID(0, 77)), MONDAY_10).block()).isInstanceOf(Refused.class);
    }

    @Test
    void aCustomersContactsAreRebuiltTogether() {
        UUID customer = new UUID(0, 5);
        List<PastContact> log = List.of(
                PastContact.of(marketingSms(new UUID(0, 4)), at("2026-02-27T10:00")),
                PastContact.of(marketingSms(customer), at("2026-02-27T10:00")),
                PastContact.of(marketingSms(customer), at("2026-03-01T10:00")),
                PastContact.of(marketingSms(new UUID(0, 6)), at("2026-03-01T10:00")));

        CounterRecovery.Recovery done = recoveryOver(store).recoverIfNeeded(since -> Flux.fromIterable(log)).block();

        assertThat(done.customers()).isEqualTo(3);
        assertThat(done.contacts()).isEqualTo(4);
        assertThat(store.reserve(marketingSms(customer), MONDAY_10).block())
                .isEqualTo(new Refused(ContactDecision.Reason.FREQUENCY_CAP, "marketing-7d", at("2026-03-06T10:00")));
    }

    @Test
    void aLogNotOrderedByCustomerIsAnErrorAndTheCountersStayPaused() {
        List<PastContact> outOfOrder = List.of(smsOfCustomer(2), smsOfCustomer(1), smsOfCustomer(2));

        recoveryOver(store).recoverIfNeeded(since -> Flux.fromIterable(outOfOrder))
                .as(StepVerifier::create)
                .expectErrorMatches(error -> error instanceof IllegalStateException
                        && error.getMessage().contains("ordered by customer"))
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(store.needsRecovery()).expectNext(true).verifyComplete();
    }

    @Test
    void theLogOrderSortsCustomersAsTheDatabaseSortsAUuid() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");

        // Java's UUID.compareTo is signed and would put 'high' first
        assertThat(high.compareTo(low)).isNegative();
        assertThat(CounterRecovery.CUSTOMER_ORDER.compare(low, high)).isNegative();
    }
}
