package io.baifang.campaigns;

/**
 * How a campaign's batches are cut to its rate per second; the rate itself is held by a token bucket shared by
 * every instance ({@link io.baifang.shared.SendRates}), paid for batch by batch.
 */
final class SendPace {

    private SendPace() {
    }

    /** A batch is never larger than a second's worth of sends, so the pace is kept within a second. */
    static int batchSize(int configured, int ratePerSecond) {
        return Math.max(1, Math.min(configured, ratePerSecond));
    }

    /**
     * Batches in flight at once for a campaign: at most the configured number, and never more than a second's
     * worth of its rate in all (each batch pays for itself after it went out), so the pace holds from the start.
     */
    static int batchesInFlight(int configured, int batchSize, int ratePerSecond) {
        return Math.max(1, Math.min(configured, ratePerSecond / Math.max(1, batchSize)));
    }
}
