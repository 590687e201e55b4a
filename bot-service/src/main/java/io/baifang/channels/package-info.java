/**
 * The messaging edge: every message to or from a customer, on every channel. One {@link
 * io.baifang.channels.OutboundChannel} per provider (sub-packages {@code twilio}, {@code simulator}, …)
 * sends; webhooks and the simulator report what comes back through {@link io.baifang.channels.ProviderEvents}.
 * Provider vocabulary (Twilio statuses and error codes) stops at the edge, translated into
 * {@link io.baifang.channels.SendOutcome} and {@link io.baifang.channels.DeliveryStatus}.
 *
 * <p>How it is cut:
 * <ul>
 * <li>{@link io.baifang.channels.Messaging}: the send path for one templated message to one customer
 * (draft → decide with the {@code ContactGate} → queue → dispatch → record the outcome), and a customer's
 * thread.</li>
 * <li>{@link io.baifang.channels.CampaignMessaging}: the same steps for a campaign batch (one
 * {@code ContactGate.requestAll}, messages stored by two multi-row statements under ids the campaign assigned
 * before the send, then {@code Messaging.handOver} per slice: one hand-over row, {@code OutboundChannel.sendAll},
 * the answers recorded by {@code StatusBatch} in two statements), and its dry run ({@code preview}:
 * rendered and previewed by the policy, nothing counted, stored or sent) for a campaign's estimate.</li>
 * <li>{@code MessageStore}: the {@code messages} and {@code message_status_history} tables (migration V4).
 * Idempotency lives in unique keys: {@code (provider, provider_message_id)} and {@code (message_id,
 * status)}. The current status only moves forward ({@code StatusOrder}); the history keeps every report.</li>
 * <li>{@code ProviderEventRecorder}: the {@link io.baifang.channels.ProviderEvents} implementation; stores
 * first, then publishes {@link io.baifang.channels.MessageReceived} and
 * {@link io.baifang.channels.DeliveryStatusChanged} after the commit.</li>
 * <li>{@code MessageSweeps}: re-announces inbound messages stored but not announced, and retries queued
 * messages that are due.</li>
 * <li>{@code OutboundChannels}: which provider sends on each kind ({@code baifang.channels.sms-provider}, …).</li>
 * <li>{@code MessagesController}: {@code POST/GET /api/customers/{id}/messages}.</li>
 * <li>{@link io.baifang.channels.ChatLinks}: the customers' web chat links, which the send path needs (the
 * address of a {@code WEBCHAT} message is the customer's newest link; a template declaring {@code chatLink}
 * gets a fresh one) and the inbound path too (a chat message's sender is a link, not a phone); kept by
 * {@code webchat}.</li>
 * <li>{@code webchat}: web chat as a provider: chat links and their staff API, the customer's page
 * ({@code /chat/{token}}), socket and HTTP fallback; see its {@code package-info}.</li>
 * <li>{@code simulator}: the embedded default's SMS provider, simulated phones kept in the database, their
 * API ({@code /api/simulator/phones/…}) and the {@code /simulator} page; off in the {@code prod} profile, but for
 * the gateway and its phones when the profile {@code simulator} is added (the campaign benchmark).</li>
 * </ul>
 *
 * <p>Decisions made, for the reader: this module uses {@code customers}, {@code branches},
 * {@code templates}, {@code contactpolicy} and {@code security} beside {@code shared}, because the send path
 * renders for a customer and asks the contact policy, and the staff API scopes by branch (the module table
 * said {@code shared} only). Nothing is stored for a send the policy refuses or that cannot be rendered;
 * a message stored is one the policy allowed and counted, released if the provider rejects it. Accepted and
 * the provider's {@code sent} report are the same history row, whichever comes first. Message text and
 * phone numbers never reach a log.
 *
 * <p>Public: the channel contracts, {@code Messaging} and its {@code SendResult}, {@code CampaignMessaging}
 * with its batch, recipient and result, the stored message and its history, the events, {@code ChatLinks} and
 * {@code ChatLink}, and {@code ChannelUnavailableException}.
 */
package io.baifang.channels;
