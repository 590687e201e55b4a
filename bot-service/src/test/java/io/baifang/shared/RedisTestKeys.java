package io.baifang.shared;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Real-server tests write Redis keys under a prefix of their own and remove them when they are done. */
public final class RedisTestKeys {

    private RedisTestKeys() {
    }

    /** Deletes every key under {@code prefix:} in logical database 0 of the test Redis, a page at a time. */
    public static void deleteUnder(String prefix) {
        RedisClient client = RedisClient.create(RedisURI.builder()
                .withHost(RealServer.REDIS.host()).withPort(RealServer.REDIS.port()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs matching = ScanArgs.Builder.matches(prefix + ":*").limit(2_000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, matching);
                List<String> keys = new ArrayList<>(page.getKeys());
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}
