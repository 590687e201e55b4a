package io.baifang.channels.twilio;

import java.net.URI;
import java.util.UUID;

/**
 * The status callback URL given to Twilio with each message: {@code <public base>/webhooks/twilio/status},
 * carrying our message id, so a report finds its message even before Twilio's id was stored. Twilio signs
 * exactly this URL, which is why the webhook checks signatures against the same public base.
 */
final class StatusCallbacks {

    static final String STATUS_PATH = "/webhooks/twilio/status";
    static final String INBOUND_PATH = "/webhooks/twilio/inbound";

    private final String publicBaseUrl;

    StatusCallbacks(URI publicBaseUrl) {
        this.publicBaseUrl = withoutTrailingSlash(publicBaseUrl.toString());
    }

    URI forMessage(UUID messageId) {
        return URI.create(publicBaseUrl + STATUS_PATH + "?messageId=" + messageId);
    }

    /** The URL Twilio signed for a request to {@code path} with {@code rawQuery} (null when none). */
    String signedUrl(String path, String rawQuery) {
        return publicBaseUrl + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
