package io.baifang.contactpolicy;

/**
 * The counter store cannot decide: unreachable, or emptied and not yet rebuilt from the contact log.
 * Marketing must pause (fail closed) until it can.
 */
public class CountersUnavailableException extends RuntimeException {

    public CountersUnavailableException(String message) {
        super(message);
    }

    public CountersUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
