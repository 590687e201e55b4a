package io.baifang.campaigns;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.baifang.customers.CustomerCriteria;

/**
 * Who a campaign is for, as it was checked and stored: see {@link CustomerCriteria} for how the parts
 * combine. {@code lastContactedBefore}: no marketing contact (message, staff call, visit) on or after that day;
 * {@code repliedTo}: replied to that earlier campaign; {@code notRepliedTo}: was sent that campaign and did not
 * reply; {@code hasBooking}: {@code true} only customers holding a booking still ahead (booked, not yet come, its
 * day today or later when the wave's recipients are chosen), {@code false} only those without, {@code null}
 * either. {@code branches} is never empty for a campaign of a STAFF or MANAGER user: it is their branches
 * when they named none.
 */
record Audience(
        Set<String> branches,
        List<String> tags,
        LocalDate collectedFrom,
        LocalDate collectedTo,
        Boolean consent,
        Set<UUID> excludedCustomers,
        List<String> phones,
        LocalDate lastContactedBefore,
        UUID repliedTo,
        UUID notRepliedTo,
        Boolean hasBooking) {

    Audience {
        branches = branches == null ? Set.of() : Set.copyOf(branches);
        tags = tags == null ? List.of() : List.copyOf(tags);
        excludedCustomers = excludedCustomers == null ? Set.of() : Set.copyOf(excludedCustomers);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    /** The registry's part of the audience; {@link AudienceQueries} adds what the contact log and campaigns know. */
    CustomerCriteria registryCriteria() {
        return new CustomerCriteria(branches, tags, collectedFrom, collectedTo, consent, excludedCustomers, phones);
    }
}
