package io.baifang.channels;

/** Which way a message went: to the customer, or from them. */
public enum MessageDirection {
    OUTBOUND, INBOUND
}
