package io.baifang.campaigns;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.baifang.customers.CustomerCriteria;

/**
 * Who a campaign is for, as it was checked and stored: see {@link CustomerCriteria} for how the parts
 * combine. {@code branches} is never empty for a campaign of a STAFF or MANAGER user: it is their branches
 * when they named none.
 */
record Audience(
        Set<String> branches,
        List<String> tags,
        LocalDate collectedFrom,
        LocalDate collectedTo,
        Boolean consent,
        Set<UUID> excludedCustomers,
        List<String> phones) {

    Audience {
        branches = branches == null ? Set.of() : Set.copyOf(branches);
        tags = tags == null ? List.of() : List.copyOf(tags);
        excludedCustomers = excludedCustomers == null ? Set.of() : Set.copyOf(excludedCustomers);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    CustomerCriteria criteria() {
        return new CustomerCriteria(branches, tags, collectedFrom, collectedTo, consent, excludedCustomers, phones);
    }
}
