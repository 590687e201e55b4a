package io.baifang.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * {@link SendRates} shared by every instance: Bucket4j buckets in Redis (compare-and-swap over Lettuce's async
 * API, so nothing blocks), keys {@code <prefix>:<key>:<rate>}, forgotten a minute after they are full again.
 * It has a connection of its own (keys as text, bucket states as bytes, as Bucket4j's Lettuce proxy expects).
 */
final class RedisSendRates extends TokenBucketRates implements AutoCloseable {

    static final String DEFAULT_PREFIX = "baifang:rates";

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private static final ExpirationAfterWriteStrategy FORGET_IDLE_BUCKETS =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));

    private final StatefulConnection<String, byte[]> connection;
    private final AsyncProxyManager<String> buckets;
    private final String prefix;

    RedisSendRates(AbstractRedisClient client, String prefix) {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> clustered = cluster.connect(CODEC);
            this.connection = clustered;
            this.buckets = Bucket4jLettuce.casBasedBuilder(clustered)
                    .expirationAfterWrite(FORGET_IDLE_BUCKETS).build().asAsync();
        } else {
            StatefulRedisConnection<String, byte[]> single = ((RedisClient) client).connect(CODEC);
            this.connection = single;
            this.buckets = Bucket4jLettuce.casBasedBuilder(single)
                    .expirationAfterWrite(FORGET_IDLE_BUCKETS).build().asAsync();
        }
        this.prefix = prefix;
    }

    @Override
    protected CompletableFuture<ConsumptionProbe> tryConsume(String key, long tokens, int perSecond) {
        return buckets.builder()
                .build(prefix + ":" + bucketKey(key, perSecond),
                        () -> CompletableFuture.completedFuture(configuration(perSecond)))
                .tryConsumeAndReturnRemaining(tokens);
    }

    @Override
    public void close() {
        connection.close();
    }
}
