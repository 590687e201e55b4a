package io.baifang.contactpolicy;

/**
 * Why a customer is contacted, which decides the rules that apply.
 * <ul>
 * <li>{@code MARKETING}: caps, campaign waves, quiet hours, consent and opt-out all apply.</li>
 * <li>{@code TRANSACTIONAL}: a booking confirmation, a reminder, an answer in a conversation the customer
 * started. Skips caps and quiet hours, never opt-out.</li>
 * <li>{@code OPT_OUT_CONFIRMATION}: the single message confirming an opt-out, the one message an opted-out
 * customer still receives. Sending it once, when the opt-out is recorded, is the caller's job.</li>
 * </ul>
 */
public enum ContactCategory {
    MARKETING, TRANSACTIONAL, OPT_OUT_CONFIRMATION;

    public boolean isMarketing() {
        return this == MARKETING;
    }
}
