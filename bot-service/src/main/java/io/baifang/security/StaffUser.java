package io.baifang.security;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A row of staff_users. */
record StaffUser(String username, String passwordHash, Role role, Set<String> branches,
                 OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    StaffMember member() {
        return new StaffMember(username, role, branches);
    }

    static Set<String> branchesFromColumn(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String branchesToColumn(Set<String> branches) {
        return String.join(",", branches);
    }
}
