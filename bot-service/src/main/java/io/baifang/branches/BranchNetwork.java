package io.baifang.branches;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The deployment's branches, in the order the configuration lists them. */
public final class BranchNetwork {

    private final Map<String, Branch> byCode = new LinkedHashMap<>();

    BranchNetwork(List<Branch> branches) {
        branches.forEach(branch -> byCode.put(branch.code(), branch));
    }

    public List<Branch> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Branch> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public boolean exists(String code) {
        return code != null && byCode.containsKey(code);
    }
}
