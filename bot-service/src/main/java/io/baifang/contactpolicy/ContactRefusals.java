package io.baifang.contactpolicy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * How every API that asks the gate answers a contact it may not make: 409 {@code application/problem+json}
 * with {@code decision}, {@code rule} and {@code nextAllowedAt} (in the branch zone); or, while the counters
 * are rebuilt, 503 {@code PAUSED} with {@code Retry-After}. One shape for staff contacts, messages and
 * whatever sends next.
 */
public final class ContactRefusals {

    private static final String RETRY_AFTER_SECONDS = "10";

    private ContactRefusals() {
    }

    /**
     * @param title       for a refusal, e.g. "Message not allowed"
     * @param nothingDone what did not happen, e.g. "nothing was sent or counted"
     * @param detailName  the property carrying the caller's own view of the attempt (may be null)
     */
    public static ResponseEntity<Object> answer(ContactOutcome outcome, ZoneId zone, String title,
                                                String nothingDone, String detailName, Object detailValue) {
        HttpStatus status = outcome.isPaused() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT;
        OffsetDateTime nextAllowedAt = local(outcome.nextAllowedAt(), zone);
        String detail = outcome.isPaused()
                ? "the contact counters are being rebuilt from the contact log; " + nothingDone + ", ask again shortly"
                : outcome.decisionName() + " (rule " + outcome.rule() + "): " + nothingDone
                        + (nextAllowedAt == null ? "" : "; allowed again from " + nextAllowedAt);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(outcome.isPaused() ? "Contact policy paused" : title);
        problem.setProperty("decision", outcome.decisionName());
        problem.setProperty("rule", outcome.rule());
        problem.setProperty("nextAllowedAt", nextAllowedAt);
        if (detailName != null) {
            problem.setProperty(detailName, detailValue);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (outcome.isPaused()) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer.body(problem);
    }

    private static OffsetDateTime local(Instant at, ZoneId zone) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }
}
