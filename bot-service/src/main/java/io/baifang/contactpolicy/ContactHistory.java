package io.baifang.contactpolicy;

import java.util.ArrayList;
import java.util.List;

/** What the counters know about one customer: counted marketing contacts and holds, and provider submissions. */
public record ContactHistory(List<CountedContact> counted, List<ProviderSubmission> submissions) {

    public ContactHistory {
        counted = List.copyOf(counted);
        submissions = List.copyOf(submissions);
    }

    public static ContactHistory empty() {
        return new ContactHistory(List.of(), List.of());
    }

    public static ContactHistory of(CountedContact... counted) {
        return new ContactHistory(List.of(counted), List.of());
    }

    public ContactHistory withSubmissions(List<ProviderSubmission> more) {
        List<ProviderSubmission> all = new ArrayList<>(submissions);
        all.addAll(more);
        return new ContactHistory(counted, all);
    }

    boolean isEmpty() {
        return counted.isEmpty() && submissions.isEmpty();
    }
}
