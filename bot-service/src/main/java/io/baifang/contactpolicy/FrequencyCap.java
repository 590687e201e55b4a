package io.baifang.contactpolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * At most {@code max} weight of marketing contacts in any sliding window of {@code window}: exact, not a
 * calendar bucket (a contact at 23:59 and one at 00:01 the next day are two minutes apart).
 *
 * <p>A contact at {@code e} counts against a decision at {@code t} when {@code |t − e| < window}. For past
 * contacts that is the usual sliding window. Holds lie in the future; counting them on both sides is
 * conservative (it may refuse a pair that some exact placement of windows would allow), never lenient.
 */
public record FrequencyCap(String id, int max, Duration window) {

    boolean isExceededBy(List<CountedContact> counted, Instant at, int weight) {
        return weightAround(counted, at) + weight > max;
    }

    /**
     * The earliest time from {@code at} on at which {@code weight} more fits, assuming nothing else is
     * counted meanwhile: a contact stops counting {@code window} after it happened.
     */
    Instant nextAllowedAt(List<CountedContact> counted, Instant at, int weight) {
        TreeSet<Instant> candidates = new TreeSet<>();
        for (CountedContact contact : counted) {
            Instant leaves = contact.at().plus(window);
            if (leaves.isAfter(at)) {
                candidates.add(leaves);
            }
        }
        for (Instant candidate : candidates) {
            if (!isExceededBy(counted, candidate, weight)) {
                return candidate;
            }
        }
        return candidates.isEmpty() ? at : candidates.last();
    }

    private int weightAround(List<CountedContact> counted, Instant at) {
        long windowMillis = window.toMillis();
        int sum = 0;
        for (CountedContact contact : counted) {
            if (Math.abs(at.toEpochMilli() - contact.at().toEpochMilli()) < windowMillis) {
                sum += contact.weight();
            }
        }
        return sum;
    }
}
