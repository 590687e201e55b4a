/**
 * Web chat as a channel (provider {@code webchat}): a customer opens {@code /chat/<token>} from a link we sent
 * them, sees the conversation and answers; staff and the bot reach them there like on SMS, and every message
 * is stored in {@code messages} (channel {@code WEBCHAT}), in the same thread as their SMS.
 *
 * <p>How it is cut, like the other providers:
 * <ul>
 * <li>{@code ChatLinkRegistry} ({@link io.baifang.channels.ChatLinks}) and {@code ChatLinkStore}: the links
 * (table {@code chat_links}, migration V6). A token is 256 random bits, URL-safe; only its SHA-256 is kept, so
 * the url is shown once, when the link is made. A link expires ({@code baifang.channels.webchat.link-lifetime})
 * or is revoked by staff. {@code ChatLinksController}: {@code POST/GET/DELETE /api/customers/{id}/chat-link},
 * branch-scoped.</li>
 * <li>{@code WebChatChannel}: the {@link io.baifang.channels.OutboundChannel} for {@code WEBCHAT}. The address of
 * a web chat message is the id of the customer's newest active link (the send path looks it up; no link, no
 * send: 422).</li>
 * <li>{@code CustomerChat}: the customer's side, for the socket and the HTTP fallback alike: the thread, and
 * what they type handed to {@link io.baifang.channels.ProviderEvents#inboundReceived} (store first, announce
 * second), checked by {@code CustomerText} and {@code SendAllowance} (plain Java rules).</li>
 * <li>{@code ChatSocketEndpoint} ({@code /chat/{token}/ws}), {@code ChatFrames} (the JSON protocol),
 * {@code ChatSockets} (open sockets by customer), {@code CustomerChatController} (HTTP fallback),
 * {@code ChatPage} ({@code /chat/{token}}, assets in {@code static/chat/assets/}).</li>
 * </ul>
 *
 * <p>Decisions made, for the reader:
 * <ul>
 * <li>{@code DELIVERED} means the chat page has the message: pushed to at least one open socket (a frame
 * queued for it), or loaded by the page later (the thread on connect or the HTTP fallback). {@code SENT}
 * means it waits in the chat.</li>
 * <li>Live push is per instance: sockets live in memory. The page loads the thread again on reconnect and
 * every minute, which covers a message sent by another instance; no cross-instance bus was built.</li>
 * <li>The provider id of a customer's message is derived from the customer and the page's client id, so the
 * same message sent again (after a reconnect, or over HTTP after the socket failed) is stored once.</li>
 * <li>The rate limit is per customer and per instance (a burst, then one message per interval), shared by
 * their tabs and the HTTP fallback.</li>
 * <li>The pages and endpoints under {@code /chat/} need no staff sign-in ({@code security} permits them): the
 * token is the credential. A browser's {@code Origin} must be this service for the socket; no CORS is
 * configured. Unknown tokens are 404, expired or revoked 410, and no answer carries a customer's data then.</li>
 * <li>Template variable {@code chatLink}: a template that declares it gets a fresh link rendered in by the
 * send path ({@code Messaging}); a preview needs it given.</li>
 * </ul>
 */
package io.baifang.channels.webchat;
