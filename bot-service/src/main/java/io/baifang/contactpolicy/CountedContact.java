package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.Objects;

/**
 * One marketing contact as the counters keep it: when it counts, its weight, its campaign wave and
 * priority, and whether it is a hold (a scheduled wave reserving the slot ahead of its send).
 *
 * @param waveKey {@code campaignId#wave}, or {@code null} outside campaigns
 */
public record CountedContact(Instant at, int weight, String waveKey, int priority, boolean hold) {

    public CountedContact {
        Objects.requireNonNull(at, "at");
        // counters work in milliseconds, as Redis stores them
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }

    boolean sameWave(String otherWaveKey) {
        return waveKey != null && waveKey.equals(otherWaveKey);
    }
}
