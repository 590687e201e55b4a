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
 */
public record CustomerCriteria(
        Set<String> branches,
        List<String> tags,
        LocalDate collectedFrom,
        LocalDate collectedTo,
        Boolean consent,
        Set<UUID> excluded,
        List<String> phones) {

    public CustomerCriteria {
        branches = branches == null ? Set.of() : Set.copyOf(branches);
        tags = tags == null ? List.of() : List.copyOf(tags);
        excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    /**
     * A statement text any module may use in a set-based statement of its own (an {@code INSERT … SELECT}),
     * with its named parameters: {@code sql} selects one column, {@code id}, of the matching customers. The
     * registry keeps the table and the filter; the caller only nests the text.
     */
    public record IdQuery(String sql, java.util.Map<String, Object> parameters) {
    }
}
