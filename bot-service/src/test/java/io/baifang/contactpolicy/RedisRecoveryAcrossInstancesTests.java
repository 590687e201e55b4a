package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.marketingSms;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Several service instances on one Redis: when the counters are lost, exactly one instance rebuilds them
 * from the contact log while the others keep marketing paused and wait for its markers.
 */
@RequiresServer(RealServer.REDIS)
class RedisRecoveryAcrossInstancesTests {

    private static final Instant MONDAY_10 = at("2026-03-02T10:00");
    private static final int CUSTOMERS = 300;

    private final ContactRules rules = shippedRules();
    private final String prefix = RedisTestConnections.uniquePrefix("instances");
    private final RedisClient client = RedisTestConnections.client(0);
    private final List<RedisContactCounters> stores = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        stores.get(0).deleteAll().block();
        stores.forEach(RedisContactCounters::close);
        client.shutdown();
    }

    /** One instance's store: its own connection to the shared Redis, under the shared prefix. */
    private RedisContactCounters instance(Duration lockLease) {
        RedisContactCounters store = new RedisContactCounters(client.connect(io.lettuce.core.codec.StringCodec.UTF8),
                rules, prefix, Duration.ofSeconds(5), lockLease);
        stores.add(store);
        return store;
    }

    private CounterRecovery recoveryOf(RedisContactCounters store) {
        return new CounterRecovery(store, rules.settings(), Clock.fixed(MONDAY_10, ZoneOffset.UTC), Duration.ZERO,
                Duration.ofMillis(50));
    }

    /** A contact log of one marketing SMS per customer, in the log's order; every read is counted and slow. */
    private static Function<Instant, Flux<PastContact>> slowLog(List<UUID> customers, AtomicInteger reads,
            Duration perContact) {
        List<PastContact> log = customers.stream()
                .map(customer -> PastContact.of(marketingSms(customer), MONDAY_10.minus(Duration.ofHours(2))))
                .sorted(CounterRecovery.LOG_ORDER)
                .toList();
        return since -> Flux.defer(() -> {
            reads.incrementAndGet();
            return Flux.fromIterable(log).delayElements(perContact);
        });
    }

    private static List<UUID> someCustomers() {
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(UUID.randomUUID());
        }
        return customers;
    }

    @Test
    void twoInstancesRacingOnAnEmptiedStoreRebuildItOnceAndBothEndUpWhole() {
        RedisContactCounters first = instance(RedisContactCounters.DEFAULT_LOCK_LEASE);
        RedisContactCounters second = instance(RedisContactCounters.DEFAULT_LOCK_LEASE);
        List<UUID> customers = someCustomers();
        AtomicInteger logReads = new AtomicInteger();
        Function<Instant, Flux<PastContact>> log = slowLog(customers, logReads, Duration.ofMillis(1));

        List<CounterRecovery.Recovery> both = Flux.merge(
                        recoveryOf(first).recoverIfNeeded(log).subscribeOn(Schedulers.parallel()),
                        recoveryOf(second).recoverIfNeeded(log).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(logReads).as("rebuilds from the log").hasValue(1);
        assertThat(both).filteredOn(CounterRecovery.Recovery::performed).singleElement()
                .satisfies(done -> assertThat(done.customers()).isEqualTo(CUSTOMERS));
        assertThat(both).filteredOn(done -> !done.performed()).hasSize(1);
        StepVerifier.create(first.needsRecovery()).expectNext(false).verifyComplete();
        StepVerifier.create(second.needsRecovery()).expectNext(false).verifyComplete();
        assertEveryCustomerCountedOnce(customers);
        StepVerifier.create(redis(connection -> connection.sync().exists(new CounterKeys(prefix).recoveryLock())))
                .expectNext(0L).verifyComplete();
    }

    @Test
    void aRebuildLongerThanTheLeaseKeepsTheLockByExtendingIt() {
        Duration shortLease = Duration.ofMillis(600);
        RedisContactCounters first = instance(shortLease);
        RedisContactCounters second = instance(shortLease);
        List<UUID> customers = someCustomers();
        AtomicInteger logReads = new AtomicInteger();
        // about 3 s of rebuilding: five leases
        Function<Instant, Flux<PastContact>> log = slowLog(customers, logReads, Duration.ofMillis(10));

        Mono<CounterRecovery.Recovery> winner = recoveryOf(first).recoverIfNeeded(log).cache();
        winner.subscribe();
        Mono<CounterRecovery.Recovery> waiting = Mono.delay(Duration.ofMillis(200))
                .then(recoveryOf(second).recoverIfNeeded(log));

        assertThat(waiting.block(Duration.ofSeconds(60)).performed()).isFalse();
        assertThat(winner.block(Duration.ofSeconds(60)).performed()).isTrue();
        assertThat(logReads).as("rebuilds from the log").hasValue(1);
        assertEveryCustomerCountedOnce(customers);
    }

    @Test
    void anInstanceReleasesTheLockOnlyIfItIsStillItsOwn() {
        RedisContactCounters first = instance(RedisContactCounters.DEFAULT_LOCK_LEASE);
        RedisContactCounters second = instance(RedisContactCounters.DEFAULT_LOCK_LEASE);
        String lock = new CounterKeys(prefix).recoveryLock();

        // while the first holds the lock the second may not rebuild
        first.exclusively(second.exclusively(Mono.just("second")))
                .as(StepVerifier::create)
                .expectError(RecoveryRunningElsewhereException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(second.exclusively(Mono.just("second")).block()).isEqualTo("second");

        // the first's lease lapsed and another instance took the lock: finishing must not free it
        first.exclusively(redis(connection -> connection.sync().set(lock, "someone-else")))
                .block(Duration.ofSeconds(5));
        StepVerifier.create(redis(connection -> connection.sync().get(lock))).expectNext("someone-else").verifyComplete();
    }

    private void assertEveryCustomerCountedOnce(List<UUID> customers) {
        CounterKeys keys = new CounterKeys(prefix);
        List<String> records = redis(connection -> connection.sync()
                .mget(customers.stream().map(keys::record).toArray(String[]::new))
                .stream()
                .map(value -> value.getValueOrElse(""))
                .toList()).block();
        assertThat(records).hasSize(CUSTOMERS)
                .allSatisfy(record -> assertThat(CounterRecordCodec.decode(record)).hasSize(1));
    }

    private <T> Mono<T> redis(Function<StatefulRedisConnection<String, String>, T> command) {
        return Mono.fromCallable(() -> {
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                return command.apply(connection);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
