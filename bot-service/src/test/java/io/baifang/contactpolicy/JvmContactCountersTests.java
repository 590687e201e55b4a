package io.baifang.contactpolicy;

class JvmContactCountersTests extends ContactCountersContractTests {

    @Override
    ContactCounters newStore(ContactRules rules) {
        return new JvmContactCounters(rules);
    }

    @Override
    void discard(ContactCounters store) {
        // nothing outside the heap
    }
}
