package io.baifang.contactpolicy;

import org.springframework.test.context.TestPropertySource;

/** The contacts API on the embedded default: H2 in a fresh data directory, counters in the JVM. */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/contacts-${random.uuid}")
class EmbeddedContactsApiTests extends ContactsApiContract {

    /** What a restart does to the JVM store: it starts empty and waits to be rebuilt from the log. */
    @Override
    void loseTheCounters() {
        ((JvmContactCounters) counters).forget();
    }
}
