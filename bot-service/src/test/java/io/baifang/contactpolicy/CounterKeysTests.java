package io.baifang.contactpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class CounterKeysTests {

    private final CounterKeys keys = new CounterKeys("baifang:counters");

    @Test
    void computesTheSameClusterSlotAsLettuce() {
        for (int i = 0; i < 10_000; i++) {
            String record = keys.record(UUID.randomUUID());
            assertThat(CounterKeys.slotOf(record)).isEqualTo(SlotHash.getSlot(record));
        }
        assertThat(CounterKeys.slotOf("no-tag")).isEqualTo(SlotHash.getSlot("no-tag"));
        assertThat(CounterKeys.slotOf("empty{}tag")).isEqualTo(SlotHash.getSlot("empty{}tag"));
    }

    @Test
    void everyCustomerKeyAndItsMarkerShareASlot() {
        UUID customer = UUID.randomUUID();
        String record = keys.record(customer);

        assertThat(SlotHash.getSlot(keys.markerFor(record))).isEqualTo(SlotHash.getSlot(record));
        assertThat(SlotHash.getSlot(keys.submissions(customer, "aliyun|【百访银行】|t1"))).isEqualTo(SlotHash.getSlot(record));
    }

    @Test
    void thereIsOneMarkerForEverySlot() {
        Set<Integer> slots = new HashSet<>();
        keys.allMarkers().forEach(marker -> slots.add(SlotHash.getSlot(marker)));

        assertThat(slots).hasSize(SlotHash.SLOT_COUNT);
    }
}
