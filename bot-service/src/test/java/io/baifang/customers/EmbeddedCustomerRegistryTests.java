package io.baifang.customers;

import org.springframework.test.context.TestPropertySource;

/** The registry contract on the embedded default: H2 in a file under a fresh data directory. */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/registry-${random.uuid}")
class EmbeddedCustomerRegistryTests extends CustomerRegistryContract {
}
