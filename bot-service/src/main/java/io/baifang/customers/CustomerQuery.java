package io.baifang.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.baifang.security.StaffMember;

/**
 * A filter over customers, always within the caller's branches. Built as SQL with named parameters; no
 * value is ever spliced into the text.
 */
record CustomerQuery(String where, Map<String, Object> parameters) {

    static CustomerQuery of(StaffMember caller, String branch, String tag, String text) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!caller.seesAllBranches()) {
            conditions.add("branch_code in (:scope)");
            parameters.put("scope", caller.branches().isEmpty() ? List.of("-") : List.copyOf(caller.branches()));
        }
        if (branch != null && !branch.isBlank()) {
            conditions.add("branch_code = :branch");
            parameters.put("branch", branch.trim());
        }
        if (tag != null && !tag.isBlank()) {
            // tags are stored ';'-separated; wrapping both sides in ';' matches whole tags only. The ';' is a
            // parameter: r2dbc-h2 splits statement text at every ';', even inside a literal
            conditions.add("(:separator || tags || :separator) like :tag");
            parameters.put("separator", ";");
            parameters.put("tag", "%;" + escapeLike(tag.trim()) + ";%");
        }
        if (text != null && !text.isBlank()) {
            conditions.add("(name like :text or phone like :text)");
            parameters.put("text", "%" + escapeLike(text.trim()) + "%");
        }
        return new CustomerQuery(conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions), parameters);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
