package io.baifang.contactpolicy;

class JvmConcurrentSendersTests extends ConcurrentSendersTests {

    @Override
    ContactCounters recoveredStore(ContactRules rules) {
        JvmContactCounters store = new JvmContactCounters(rules);
        store.markRecovered(MONDAY_10).block();
        return store;
    }
}
