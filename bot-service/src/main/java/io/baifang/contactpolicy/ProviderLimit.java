package io.baifang.contactpolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A provider's flow-control hard cap: at most {@code max} messages with the same signature and template to
 * one number in a rolling {@code window}. Counted at submission, per customer (one number per customer).
 */
public record ProviderLimit(String id, String provider, int max, Duration window) {

    boolean isReachedBy(List<ProviderSubmission> submissions, String routeKey, Instant now) {
        return inWindow(submissions, routeKey, now).size() >= max;
    }

    Instant nextAllowedAt(List<ProviderSubmission> submissions, String routeKey, Instant now) {
        List<Instant> times = inWindow(submissions, routeKey, now);
        // one more fits once all but max − 1 of them have left the window
        int mustLeave = times.size() - max + 1;
        return times.get(mustLeave - 1).plus(window);
    }

    boolean counts(ProviderSubmission submission, Instant now) {
        return submission.at().isAfter(now.minus(window));
    }

    private List<Instant> inWindow(List<ProviderSubmission> submissions, String routeKey, Instant now) {
        return submissions.stream()
                .filter(submission -> submission.routeKey().equals(routeKey))
                .filter(submission -> counts(submission, now))
                .map(ProviderSubmission::at)
                .sorted()
                .toList();
    }
}
