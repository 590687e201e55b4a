package io.baifang.campaigns;

import java.time.Duration;

/**
 * Keeps a campaign within its rate per second: after {@code sent} messages in {@code elapsed}, how long to
 * wait before the next batch. The rate is held on average over the run of batches, not per message.
 */
final class SendPace {

    private SendPace() {
    }

    static Duration waitAfter(long sent, Duration elapsed, int ratePerSecond) {
        if (sent <= 0 || ratePerSecond <= 0) {
            return Duration.ZERO;
        }
        Duration due = Duration.ofNanos(sent * 1_000_000_000L / ratePerSecond);
        Duration wait = due.minus(elapsed);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** A batch is never larger than a second's worth of sends, so the pace is kept within a second. */
    static int batchSize(int configured, int ratePerSecond) {
        return Math.max(1, Math.min(configured, ratePerSecond));
    }
}
