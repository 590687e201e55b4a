package io.baifang.customers;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which customers an audience takes (a campaign's), as the registry can answer it. Every part is optional;
 * the parts combine with "and", the values within one part with "or".
 *
 * @param branches      branch codes; empty for every branch
 * @param tags          customers with any of these tags; empty for any
 * @param collectedFrom collected on or after (采集日期)
 * @param collectedTo   collected on or before
 * @param consent       {@code true} only consenting customers, {@code false} only those without consent,
 *                      {@code null} both (the contact policy then refuses those without, and logs why)
 * @param excluded      customers left out whatever else matches
 * @param phones        when not empty, only customers with one of these E.164 phones (an uploaded list)
 * @param within        only customers whose id each of these statements selects (what another module knows
 *                      of them: replied to a campaign, …)
 * @param without       no customer whose id any of these statements selects (contacted since a date, …)
 */
public record CustomerCriteria(
        Set<String> branches,
        List<String> tags,
        LocalDate collectedFrom,
        LocalDate collectedTo,
        Boolean consent,
        Set<UUID> excluded,
        List<String> phones,
        List<IdQuery> within,
        List<IdQuery> without) {

    public CustomerCriteria {
        branches = branches == null ? Set.of() : Set.copyOf(branches);
        tags = tags == null ? List.of() : List.copyOf(tags);
        excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
        phones = phones == null ? List.of() : List.copyOf(phones);
        within = within == null ? List.of() : List.copyOf(within);
        without = without == null ? List.of() : List.copyOf(without);
    }

    /** The registry's own parts only. */
    public CustomerCriteria(Set<String> branches, List<String> tags, LocalDate collectedFrom, LocalDate collectedTo,
                            Boolean consent, Set<UUID> excluded, List<String> phones) {
        this(branches, tags, collectedFrom, collectedTo, consent, excluded, phones, List.of(), List.of());
    }

    /** The same audience, narrowed further by what another module knows of the customers. */
    public CustomerCriteria narrowed(List<IdQuery> alsoWithin, List<IdQuery> alsoWithout) {
        List<IdQuery> allWithin = new java.util.ArrayList<>(within);
        allWithin.addAll(alsoWithin);
        List<IdQuery> allWithout = new java.util.ArrayList<>(without);
        allWithout.addAll(alsoWithout);
        return new CustomerCriteria(branches, tags, collectedFrom, collectedTo, consent, excluded, phones, allWithin,
                allWithout);
    }

    /**
     * A statement text any module may use in a set-based statement of its own (an {@code INSERT … SELECT}),
     * with its named parameters: {@code sql} selects one column of customer ids. The registry gives one for an
     * audience ({@code CustomerDirectory.idQuery}); other modules give theirs to narrow an audience, each with
     * parameter names of its own prefix so that nested statements never clash.
     */
    public record IdQuery(String sql, java.util.Map<String, Object> parameters) {
    }
}
