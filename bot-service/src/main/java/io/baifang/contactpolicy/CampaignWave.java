package io.baifang.contactpolicy;

import java.util.Objects;

/**
 * The campaign wave an attempt belongs to. A customer gets at most one message per wave; the priority
 * settles which campaign wins a customer's last slot (higher wins, see {@link ContactPolicy#holdAhead}).
 */
public record CampaignWave(String campaignId, int wave, int priority) {

    public CampaignWave {
        Objects.requireNonNull(campaignId, "campaignId");
        // the compact counter record separates fields with ',' and entries with ';'
        if (campaignId.isBlank() || campaignId.indexOf(',') >= 0 || campaignId.indexOf(';') >= 0) {
            throw new IllegalArgumentException("campaignId must be non-blank without ',' or ';': " + campaignId);
        }
        if (wave < 0 || priority < 0) {
            throw new IllegalArgumentException("wave and priority must be ≥ 0: " + wave + ", " + priority);
        }
    }

    /** The key a wave is counted under: the same campaign and wave is the same key. */
    String waveKey() {
        return campaignId + "#" + wave;
    }

    CampaignWave withPriority(int priority) {
        return new CampaignWave(campaignId, wave, priority);
    }

    /** The campaign and wave a counted hold names ({@code campaignId#wave}; the id may itself hold a '#'). */
    static CampaignWave ofCounted(CountedContact counted) {
        String key = counted.waveKey();
        int hash = key.lastIndexOf('#');
        return new CampaignWave(key.substring(0, hash), Integer.parseInt(key.substring(hash + 1)), counted.priority());
    }
}
