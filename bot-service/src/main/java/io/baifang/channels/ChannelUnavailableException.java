package io.baifang.channels;

/**
 * A message cannot go out on the channel asked for: no provider is configured for it, or the customer has
 * no address on it. Raised before the contact policy is asked, so nothing is counted.
 */
public final class ChannelUnavailableException extends RuntimeException {

    ChannelUnavailableException(String message) {
        super(message);
    }
}
