package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@RequiresServer(RealServer.REDIS)
class RedisConcurrentSendersTests extends ConcurrentSendersTests {

    private RedisClient client;
    private RedisContactCounters store;

    @Override
    ContactCounters recoveredStore(ContactRules rules) {
        client = RedisTestConnections.client(0);
        store = RedisTestConnections.store(client, rules, RedisTestConnections.uniquePrefix("concurrency"));
        store.markRecovered(MONDAY_10).block();
        return store;
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            store.deleteAll().block();
            store.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    /**
     * Redis is flushed while the senders run (in logical database 15, which only this test uses). The
     * counters pause marketing until recovery rebuilds them from the contact log of what was allowed so far.
     */
    @Test
    void everyCustomerIsStillAllowedExactlyOnceWhenRedisIsFlushedInTheMiddle() throws Exception {
        client = RedisTestConnections.client(RedisTestConnections.FLUSHABLE_DATABASE);
        ContactRules rules = shippedRules();
        store = RedisTestConnections.store(client, rules, RedisTestConnections.uniquePrefix("flushed"));
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            admin.sync().flushdb();
            store.markRecovered(MONDAY_10).block();
            List<ContactAttempt> attempts = ConcurrentSenders.threeAttemptsEach(CUSTOMERS);
            ConcurrentSenders senders = new ConcurrentSenders(store, attempts, MONDAY_10);
            CounterRecovery recovery = new CounterRecovery(store, rules.settings(),
                    Clock.fixed(MONDAY_10, ZoneOffset.UTC), Duration.ofMillis(300), Duration.ofMillis(50));
            // paused senders share one recovery; count recoveries, not senders that waited for one
            Set<CounterRecovery.Recovery> recoveries = Collections.synchronizedSet(
                    Collections.newSetFromMap(new IdentityHashMap<>()));
            AtomicBoolean flushed = new AtomicBoolean();
            Thread flusher = new Thread(() -> flushOnceAThirdIsDecided(senders, attempts.size(), admin, flushed));
            flusher.start();

            senders.run(() -> {
                CounterRecovery.Recovery done = recovery
                        .recoverIfNeeded(since -> Flux.fromIterable(senders.contactLogSnapshot())
                                .sort(CounterRecovery.LOG_ORDER))
                        .block();
                if (done.performed()) {
                    recoveries.add(done);
                }
            });
            flusher.join();

            assertThat(flushed).isTrue();
            assertThat(senders.paused()).isPositive();
            assertThat(recoveries).hasSize(1);
            assertThat(senders.decided()).isEqualTo(attempts.size());
            assertThat(senders.allowedPerCustomer()).hasSize(CUSTOMERS);
            assertThat(senders.allowedPerCustomer().values()).allMatch(count -> count == 1);
        } finally {
            try (StatefulRedisConnection<String, String> admin = client.connect()) {
                admin.sync().flushdb();
            }
        }
    }

    private static void flushOnceAThirdIsDecided(ConcurrentSenders senders, int attempts,
            StatefulRedisConnection<String, String> admin, AtomicBoolean flushed) {
        while (senders.decided() < attempts / 3) {
            Thread.onSpinWait();
        }
        admin.sync().flushdb();
        flushed.set(true);
    }
}
