package io.baifang.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CustomerCriteria} as a SQL condition over {@code customers} with named parameters (prefixed
 * {@code aud_} so a caller's own parameters never clash); no value is ever spliced into the text.
 */
record AudienceConditions(String where, Map<String, Object> parameters) {

    static AudienceConditions of(CustomerCriteria criteria) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!criteria.branches().isEmpty()) {
            conditions.add("branch_code in (:aud_branches)");
            parameters.put("aud_branches", List.copyOf(criteria.branches()));
        }
        if (!criteria.tags().isEmpty()) {
            // whole tags only, as CustomerQuery matches them; the ';' is a parameter (r2dbc-h2 splits at it)
            List<String> anyTag = new ArrayList<>();
            for (int i = 0; i < criteria.tags().size(); i++) {
                anyTag.add("(:aud_separator || tags || :aud_separator) like :aud_tag" + i);
                parameters.put("aud_tag" + i, "%;" + escapeLike(criteria.tags().get(i).strip()) + ";%");
            }
            parameters.put("aud_separator", ";");
            conditions.add("(" + String.join(" or ", anyTag) + ")");
        }
        if (criteria.collectedFrom() != null) {
            conditions.add("collected_on >= :aud_from");
            parameters.put("aud_from", criteria.collectedFrom());
        }
        if (criteria.collectedTo() != null) {
            conditions.add("collected_on <= :aud_to");
            parameters.put("aud_to", criteria.collectedTo());
        }
        if (criteria.consent() != null) {
            conditions.add("consent = :aud_consent");
            parameters.put("aud_consent", criteria.consent());
        }
        if (!criteria.excluded().isEmpty()) {
            conditions.add("id not in (:aud_excluded)");
            parameters.put("aud_excluded", List.copyOf(criteria.excluded()));
        }
        if (!criteria.phones().isEmpty()) {
            conditions.add("phone in (:aud_phones)");
            parameters.put("aud_phones", criteria.phones());
        }
        for (CustomerCriteria.IdQuery nested : criteria.within()) {
            conditions.add("id in (" + nested.sql() + ")");
            addParameters(parameters, nested);
        }
        for (CustomerCriteria.IdQuery nested : criteria.without()) {
            conditions.add("id not in (" + nested.sql() + ")");
            addParameters(parameters, nested);
        }
        return new AudienceConditions(conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions), parameters);
    }

    private static void addParameters(Map<String, Object> parameters, CustomerCriteria.IdQuery nested) {
        nested.parameters().forEach((name, value) -> {
            Object earlier = parameters.putIfAbsent(name, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new IllegalArgumentException("two nested audience statements use parameter " + name);
            }
        });
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
