/**
 * Twilio as the SMS and WhatsApp provider: {@code TwilioSmsChannel} and {@code TwilioWhatsAppChannel} send
 * through the official SDK, and {@code TwilioWebhooks} takes Twilio's inbound-message and status callbacks
 * and hands them to {@link io.baifang.channels.ProviderEvents}.
 *
 * <p>Twilio's vocabulary stops here: {@code TwilioErrors} and {@code TwilioStatuses} are the tables that
 * translate error codes, HTTP statuses and message statuses into ours. The SDK blocks, so every call runs on
 * {@link io.baifang.shared.BlockingWork}. The SDK's own retry loop is switched off ({@code
 * TwilioHttpTransport}) so that only one policy retries: {@code TwilioMessageSender} (exponential backoff
 * with jitter, bounded attempts) behind a small {@code CircuitBreaker}. Everything is package-private: other
 * modules see only the {@link io.baifang.channels.OutboundChannel} beans. See README-section.md.
 */
package io.baifang.channels.twilio;
