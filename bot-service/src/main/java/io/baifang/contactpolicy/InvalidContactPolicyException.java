package io.baifang.contactpolicy;

/** {@code contact-policy.yml} is missing, unreadable or breaks a rule; the message names the bad entry. */
public class InvalidContactPolicyException extends RuntimeException {

    public InvalidContactPolicyException(String message) {
        super(message);
    }

    public InvalidContactPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
