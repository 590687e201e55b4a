package io.baifang.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 (RFC 9562): milliseconds first, so ids sort by creation and index inserts stay local,
 * then a counter within the millisecond and random bits.
 */
class TimeOrderedIdGenerator implements IdGenerator {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastTimeAndCounter = new AtomicLong();

    TimeOrderedIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID next() {
        long timeAndCounter = lastTimeAndCounter.updateAndGet(this::advance);
        long millis = timeAndCounter >>> 12;
        long counter = timeAndCounter & 0xFFF;
        long high = (millis << 16) | 0x7000L | counter;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private long advance(long previous) {
        long now = clock.millis() << 12;
        return now > previous ? now : previous + 1;
    }
}
