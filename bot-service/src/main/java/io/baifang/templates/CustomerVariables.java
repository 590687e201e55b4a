package io.baifang.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.baifang.branches.Branch;
import io.baifang.customers.Customer;

/**
 * The variables every template may take from the customer and their branch, under fixed names, so that a
 * preview by customer and a campaign fill them the same way. Values the registry does not have are left out
 * (and then reported as missing by a body that needs them), never filled with a blank.
 */
public final class CustomerVariables {

    public static final String CUSTOMER_NAME = "customerName";
    public static final String VILLAGE = "village";
    public static final String BRANCH_NAME = "branchName";
    public static final String BRANCH_ADDRESS = "branchAddress";
    public static final String BRANCH_PHONE = "branchPhone";

    private CustomerVariables() {
    }

    public static Map<String, String> of(Customer customer, Optional<Branch> branch) {
        Map<String, String> variables = new LinkedHashMap<>();
        put(variables, CUSTOMER_NAME, customer.name());
        put(variables, VILLAGE, customer.village());
        branch.ifPresent(found -> {
            put(variables, BRANCH_NAME, found.name());
            put(variables, BRANCH_ADDRESS, found.address());
            put(variables, BRANCH_PHONE, found.phone());
        });
        return variables;
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value != null && !value.isBlank()) {
            variables.put(name, value.strip());
        }
    }
}
