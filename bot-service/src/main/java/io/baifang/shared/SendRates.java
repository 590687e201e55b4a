package io.baifang.shared;

import reactor.core.publisher.Mono;

/**
 * Send rates shared by every instance of the service: a campaign's rate per second, a provider's throughput.
 * One token bucket per key (Bucket4j): in Redis in production, so the rate holds across instances, and in the
 * JVM on the embedded default. Waiting never blocks a thread.
 */
public interface SendRates {

    /**
     * Completes when {@code sends} more sends under {@code key} keep it within {@code perSecond} on average (a burst
     * of at most one second's worth after a lull); waits (without blocking) until then. Call it before the sends, or right
     * after them to pay for what went out: either way the rate holds over the run.
     *
     * @param key       what the rate is for, e.g. {@code campaign:<id>} or {@code provider:twilio}
     * @param sends     how many sends to account for; 0 completes at once
     * @param perSecond the rate; 0 or less means no limit
     */
    Mono<Void> acquire(String key, long sends, int perSecond);
}
