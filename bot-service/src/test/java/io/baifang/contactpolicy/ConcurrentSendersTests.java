package io.baifang.contactpolicy;

import static io.baifang.contactpolicy.ContactPolicyFixture.at;
import static io.baifang.contactpolicy.ContactPolicyFixture.shippedRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Sixteen concurrent senders, 5,000 customers, a cap of one a day: every customer is allowed exactly once. */
abstract class ConcurrentSendersTests {

    static final int CUSTOMERS = 5_000;
    static final Instant MONDAY_10 = at("2026-03-02T10:00");

    abstract ContactCounters recoveredStore(ContactRules rules);

    @Test
    void sixteenConcurrentSendersAllowEveryCustomerExactlyOnceUnderACapOfOneADay() throws Exception {
        ContactCounters store = recoveredStore(shippedRules());
        List<ContactAttempt> attempts = ConcurrentSenders.threeAttemptsEach(CUSTOMERS);
        ConcurrentSenders senders = new ConcurrentSenders(store, attempts, MONDAY_10);

        senders.run(() -> {
            throw new AssertionError("the counters paused although nothing was lost");
        });

        assertThat(senders.decided()).isEqualTo(attempts.size());
        assertThat(senders.allowedPerCustomer()).hasSize(CUSTOMERS);
        assertThat(senders.allowedPerCustomer().values()).allMatch(count -> count == 1);
    }
}
