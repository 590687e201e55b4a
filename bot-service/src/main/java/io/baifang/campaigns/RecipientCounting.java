package io.baifang.campaigns;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A wave's recipient counts, as the campaign view and its progress stream show them. Counting reads every
 * recipient of the wave: a few milliseconds for a branch's campaign, a second or more for a million recipients.
 * So the count of a large wave (at least {@link #LARGE} recipients) that took longer than {@link #WORTH_KEEPING}
 * is kept and shown again for {@link #KEEP_FACTOR} times as long as it took (a one-second count: for ten
 * seconds), and callers asking while a count is under way share it: however many managers watch a large
 * campaign, the database counts it at most a tenth of the time. Smaller waves are counted afresh on every read,
 * however busy the database is.
 */
@Component
class RecipientCounting {

    static final Duration WORTH_KEEPING = Duration.ofMillis(50);

    static final long LARGE = 10_000;

    static final int KEEP_FACTOR = 10;

    /** How long a count under way is shared at most (one whose callers all went away is then started again). */
    private static final Duration UNDER_WAY = Duration.ofMinutes(1);

    /** Waves whose counts are kept at most; beyond it they are all forgotten (and counted afresh). */
    private static final int MOST_KEPT = 1_000;

    private record Wave(UUID campaignId, int wave) {
    }

    /** A count under way ({@code until}: {@link #UNDER_WAY} ahead) or kept until {@code until} ({@link System#nanoTime}). */
    private record Kept(Mono<CampaignStore.RecipientCounts> counts, long until) {
    }

    private final Map<Wave, Kept> kept = new ConcurrentHashMap<>();
    private final CampaignStore store;

    RecipientCounting(CampaignStore store) {
        this.store = store;
    }

    Mono<CampaignStore.RecipientCounts> countsOf(UUID campaignId, int wave) {
        if (kept.size() > MOST_KEPT) {
            kept.clear();
        }
        Wave key = new Wave(campaignId, wave);
        long now = System.nanoTime();
        return kept.compute(key, (k, old) -> old != null && old.until() - now > 0 ? old : new Kept(counted(k),
                now + UNDER_WAY.toNanos())).counts();
    }

    private Mono<CampaignStore.RecipientCounts> counted(Wave wave) {
        return store.counts(wave.campaignId(), wave.wave())
                .elapsed()
                .doOnNext(timed -> keepOrForget(wave, timed.getT2().total(), Duration.ofMillis(timed.getT1())))
                .map(timed -> timed.getT2())
                .doOnError(failure -> kept.remove(wave))
                .cache();
    }

    private void keepOrForget(Wave wave, long recipients, Duration took) {
        if (recipients < LARGE || took.compareTo(WORTH_KEEPING) < 0) {
            kept.remove(wave);
            return;
        }
        long until = System.nanoTime() + took.multipliedBy(KEEP_FACTOR).toNanos();
        kept.computeIfPresent(wave, (k, counting) -> new Kept(counting.counts(), until));
    }
}
