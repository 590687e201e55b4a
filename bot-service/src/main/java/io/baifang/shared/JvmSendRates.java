package io.baifang.shared;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** {@link SendRates} for one instance (the embedded default): Bucket4j's lock-free buckets in memory. */
final class JvmSendRates extends TokenBucketRates {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    protected CompletableFuture<ConsumptionProbe> tryConsume(String key, long tokens, int perSecond) {
        Bucket bucket = buckets.computeIfAbsent(bucketKey(key, perSecond),
                ignored -> Bucket.builder().addLimit(configuration(perSecond).getBandwidths()[0]).build());
        return CompletableFuture.completedFuture(bucket.tryConsumeAndReturnRemaining(tokens));
    }
}
