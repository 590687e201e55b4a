package io.baifang.contactpolicy;

import java.util.List;

/** At most {@code max} contacts (or holds) per customer per campaign wave. */
public record CampaignWaveCap(String id, int max) {

    boolean isReachedBy(List<CountedContact> counted, String waveKey) {
        if (waveKey == null) {
            return false;
        }
        long sameWave = counted.stream().filter(contact -> contact.sameWave(waveKey)).count();
        return sameWave >= max;
    }
}
