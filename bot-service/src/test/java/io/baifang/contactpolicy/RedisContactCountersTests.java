package io.baifang.contactpolicy;

import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

@RequiresServer(RealServer.REDIS)
class RedisContactCountersTests extends ContactCountersContractTests {

    private static RedisClient client;

    @BeforeAll
    static void connect() {
        client = RedisTestConnections.client(0);
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Override
    ContactCounters newStore(ContactRules rules) {
        return RedisTestConnections.store(client, rules, RedisTestConnections.uniquePrefix("counters"));
    }

    @Override
    void discard(ContactCounters store) {
        RedisContactCounters redis = (RedisContactCounters) store;
        redis.deleteAll().block();
        redis.close();
    }
}
