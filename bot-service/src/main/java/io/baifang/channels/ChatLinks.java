package io.baifang.channels;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The customers' web chat links, as the send path and the inbound path need them; kept by the
 * {@code webchat} provider (table {@code chat_links}, migration V6). A template that declares the variable
 * {@value #TEMPLATE_VARIABLE} gets a fresh link of the customer rendered into it.
 */
public interface ChatLinks {

    /** The template variable a fresh chat link is rendered into: {@code {{chatLink}}}. */
    String TEMPLATE_VARIABLE = "chatLink";

    /** Makes a new link for the customer, {@code url} set (the only time it is known). */
    Mono<ChatLink> create(UUID customerId, String createdBy);

    /** The customer's newest active link; empty when they have none. */
    Mono<ChatLink> newestActiveOf(UUID customerId);

    /** The customer a chat address (a link's id, as web chat messages carry it) belongs to; empty if none. */
    Mono<UUID> customerAt(String address);
}
