package io.baifang.contactpolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.cluster.SlotHash;

/**
 * Redis key names. Everything about one customer is hash-tagged {@code {c:<uuid>}}, so one Lua script may
 * touch it all on Redis Cluster. The epoch marker that says "these counters are complete" must sit in the
 * same slot as the customer it vouches for, so there is one marker per cluster slot
 * ({@code <prefix>:epoch:{<tag>}}, the tag chosen to hash to that slot): a node that restarts empty loses
 * exactly the markers of the customers it lost.
 */
final class CounterKeys {

    private static final String[] TAG_BY_SLOT = tagsForEverySlot();

    private final String prefix;

    CounterKeys(String prefix) {
        if (prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("a key prefix must be non-blank without braces: " + prefix);
        }
        this.prefix = prefix;
    }

    String record(UUID customerId) {
        return prefix + ":{c:" + customerId + "}";
    }

    String submissions(UUID customerId, String routeKey) {
        return record(customerId) + ":p:" + routeKey;
    }

    String markerFor(String customerKey) {
        return marker(slotOf(customerKey));
    }

    /**
     * The cluster slot of a key, as {@link SlotHash#getSlot(String)} computes it, without encoding the key to
     * bytes first: our keys are ASCII, and this runs for every decision.
     */
    static int slotOf(String key) {
        int start = key.indexOf('{');
        int end = start < 0 ? -1 : key.indexOf('}', start + 1);
        if (start < 0 || end <= start + 1) {
            start = -1;
            end = key.length();
        }
        int crc = 0;
        for (int i = start + 1; i < end; i++) {
            char c = key.charAt(i);
            if (c > 0x7f) {
                return SlotHash.getSlot(key);
            }
            crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ c) & 0xff]) & 0xffff;
        }
        return crc & (SlotHash.SLOT_COUNT - 1);
    }

    /** CRC16-CCITT (XModem), the hash Redis Cluster uses. */
    private static final int[] CRC16_TABLE = crc16Table();

    private static int[] crc16Table() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[i] = crc & 0xffff;
        }
        return table;
    }

    List<String> allMarkers() {
        List<String> markers = new ArrayList<>(SlotHash.SLOT_COUNT);
        for (int slot = 0; slot < SlotHash.SLOT_COUNT; slot++) {
            markers.add(marker(slot));
        }
        return Collections.unmodifiableList(markers);
    }

    /** Held by the one instance rebuilding the counters from the contact log. */
    String recoveryLock() {
        return prefix + ":recovery-lock";
    }

    String pattern() {
        return prefix + ":*";
    }

    private String marker(int slot) {
        return prefix + ":epoch:{" + TAG_BY_SLOT[slot] + "}";
    }

    /** Short tags until every slot has one: about 170,000 CRC16s, a few milliseconds once per JVM. */
    private static String[] tagsForEverySlot() {
        String[] tags = new String[SlotHash.SLOT_COUNT];
        int missing = tags.length;
        for (int i = 0; missing > 0; i++) {
            String tag = "e" + Integer.toString(i, 36);
            int slot = SlotHash.getSlot(tag);
            if (tags[slot] == null) {
                tags[slot] = tag;
                missing--;
            }
        }
        return tags;
    }
}
