/**
 * The messaging edge: every message to or from a customer, on every channel. One {@link
 * io.baifang.channels.OutboundChannel} per provider (sub-packages {@code twilio}, {@code simulator}, …)
 * sends; webhooks and the simulator report what comes back through {@link io.baifang.channels.ProviderEvents}.
 * Provider vocabulary (Twilio statuses and error codes) stops at the edge, translated into
 * {@link io.baifang.channels.SendOutcome} and {@link io.baifang.channels.DeliveryStatus}.
 */
package io.baifang.channels;
