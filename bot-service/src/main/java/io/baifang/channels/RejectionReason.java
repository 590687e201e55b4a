package io.baifang.channels;

/** Why a provider refused a message for good. */
public enum RejectionReason {
    /** Twilio 21211 and the like: not a phone number. */
    INVALID_NUMBER,
    /** Twilio 21610: the recipient unsubscribed with the carrier; the customer is opted out too. */
    RECIPIENT_OPTED_OUT,
    /** Twilio 21614: the number cannot receive SMS. */
    NOT_A_MOBILE,
    /** Twilio 21408: sending to that region is not enabled on the account. */
    REGION_NOT_ENABLED,
    /** The provider refused the content or the sender configuration. */
    CONTENT_OR_SENDER,
    /** The circuit breaker is open or retries are exhausted. */
    PROVIDER_UNAVAILABLE,
    OTHER
}
