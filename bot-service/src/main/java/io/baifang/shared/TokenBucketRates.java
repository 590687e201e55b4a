package io.baifang.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * {@link SendRates} over Bucket4j token buckets, wherever the buckets live: a bucket per key and rate starts
 * empty, refills greedily at the rate and holds at most one second's worth (the largest burst after a lull). Asking for more than a second's worth takes it a
 * second's worth at a time. A bucket that cannot give the tokens says how long until it can: this waits that
 * long on a timer and asks again (other instances may have taken tokens meanwhile).
 */
abstract class TokenBucketRates implements SendRates {

    @Override
    public Mono<Void> acquire(String key, long sends, int perSecond) {
        if (sends <= 0 || perSecond <= 0) {
            return Mono.empty();
        }
        long chunk = Math.min(sends, perSecond);
        return take(key, chunk, perSecond)
                .then(Mono.defer(() -> acquire(key, sends - chunk, perSecond)));
    }

    /** Consumes {@code tokens} (at most the bucket's capacity) from the bucket of {@code key} at {@code perSecond}. */
    protected abstract CompletableFuture<ConsumptionProbe> tryConsume(String key, long tokens, int perSecond);

    static BucketConfiguration configuration(int perSecond) {
        return BucketConfiguration.builder()
                // a new bucket starts empty: a campaign's first second is paced like every other
                .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))
                        .initialTokens(0))
                .build();
    }

    /** The bucket of a key at one rate: a campaign whose rate changes gets a fresh bucket. */
    static String bucketKey(String key, int perSecond) {
        return key + ":" + perSecond;
    }

    private Mono<Void> take(String key, long tokens, int perSecond) {
        return Mono.fromFuture(() -> tryConsume(key, tokens, perSecond))
                .flatMap(probe -> probe.isConsumed()
                        ? Mono.<Void>empty()
                        : Mono.delay(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000)))
                                .then(Mono.defer(() -> take(key, tokens, perSecond))));
    }
}
