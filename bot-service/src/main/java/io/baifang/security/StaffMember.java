package io.baifang.security;

import java.util.Set;

/** Who is calling, and what they may see. */
public record StaffMember(String username, Role role, Set<String> branches) {

    public StaffMember {
        branches = Set.copyOf(branches);
    }

    /** ADMIN sees every branch; STAFF and MANAGER only their own. */
    public boolean mayAccess(String branchCode) {
        return role == Role.ADMIN || branches.contains(branchCode);
    }

    public boolean seesAllBranches() {
        return role == Role.ADMIN;
    }
}
