package io.baifang.contactpolicy;

import java.time.Duration;
import java.util.UUID;

import io.baifang.shared.RealServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;

/** Lettuce clients for the real Redis the tests use, without the application context. */
final class RedisTestConnections {

    /** The logical database of tests that flush Redis on purpose; everything else uses 0 under its own prefix. */
    static final int FLUSHABLE_DATABASE = 15;

    private RedisTestConnections() {
    }

    static RedisClient client(int database) {
        RedisURI uri = RedisURI.builder()
                .withHost(RealServer.REDIS.host())
                .withPort(RealServer.REDIS.port())
                .withDatabase(database)
                .withTimeout(Duration.ofSeconds(10))
                .build();
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    static String uniquePrefix(String purpose) {
        return "test:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RedisContactCounters store(RedisClient client, ContactRules rules, String prefix) {
        return new RedisContactCounters(client.connect(StringCodec.UTF8), rules, prefix, Duration.ofSeconds(5));
    }
}
