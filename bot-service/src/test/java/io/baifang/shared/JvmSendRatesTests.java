package io.baifang.shared;

/** The embedded default's buckets: one instance, so "another instance" is the same store. */
class JvmSendRatesTests extends SendRatesContractTests {

    private final JvmSendRates store = new JvmSendRates();

    @Override
    SendRates rates() {
        return store;
    }
}
