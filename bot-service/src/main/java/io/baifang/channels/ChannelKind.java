package io.baifang.channels;

/** How a message reaches a customer. */
public enum ChannelKind {
    SMS, WHATSAPP, WEBCHAT
}
