package io.baifang.contactpolicy;

/**
 * The counters' answer to one request: the decision and, when allowed, the customer's history with the
 * request counted (and any displaced hold or consumed hold removed).
 */
record CounterVerdict(ContactDecision decision, ContactHistory updated) {

    static CounterVerdict refused(ContactDecision.Refused refused) {
        return new CounterVerdict(refused, null);
    }

    boolean isAllowed() {
        return decision.isAllowed();
    }
}
