package io.baifang.campaigns;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RecipientCountingTests {

    private final CampaignStore store = mock(CampaignStore.class);
    private final RecipientCounting counting = new RecipientCounting(store);
    private final AtomicInteger counted = new AtomicInteger();

    private void countingTakes(Duration took, long recipients) {
        when(store.counts(any(), anyInt())).thenAnswer(call -> Mono.fromCallable(() -> {
            counted.incrementAndGet();
            return CampaignStore.RecipientCounts.of(
                    List.of(new CampaignStore.CountRow(RecipientState.PENDING, null, recipients)), 0);
        }).delayElement(took));
    }

    @Test
    void aQuickCountIsMadeAfreshOnEveryRead() {
        countingTakes(Duration.ZERO, RecipientCounting.LARGE);
        UUID campaign = UUID.randomUUID();

        counting.countsOf(campaign, 1).block();
        counting.countsOf(campaign, 1).block();

        assertThat(counted).hasValue(2);
    }

    @Test
    void aSmallWaveIsCountedAfreshEvenWhenCountingIsSlow() {
        countingTakes(RecipientCounting.WORTH_KEEPING.plusMillis(30), RecipientCounting.LARGE - 1);
        UUID campaign = UUID.randomUUID();

        counting.countsOf(campaign, 1).block();
        counting.countsOf(campaign, 1).block();

        assertThat(counted).hasValue(2);
    }

    @Test
    void aLargeWavesSlowCountIsKeptForTenTimesAsLongAsItTookAndSharedMeanwhile() {
        countingTakes(RecipientCounting.WORTH_KEEPING.plusMillis(30), RecipientCounting.LARGE);
        UUID campaign = UUID.randomUUID();

        counting.countsOf(campaign, 1).block();
        counting.countsOf(campaign, 1).block();
        counting.countsOf(campaign, 2).block();

        assertThat(counted).as("the second read of wave 1 shares the kept count; wave 2 is its own").hasValue(2);
    }
}
