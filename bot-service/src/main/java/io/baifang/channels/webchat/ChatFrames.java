package io.baifang.channels.webchat;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web chat socket's protocol, JSON text frames both ways.
 * <p>From the page: {@code {"type":"send","clientId":"…","text":"…"}}.
 * <p>To the page: {@code {"type":"thread","messages":[…]}} once on connect; {@code {"type":"message","message":{…}}}
 * for each new message (the bank's, or the customer's from another tab); {@code {"type":"ack","clientId":"…",
 * "messageId":"…","duplicate":false}} for each message sent; {@code {"type":"error","code":"…","detail":"…",
 * "clientId":"…"}} for one refused ({@code INVALID_FRAME}, {@code INVALID_CLIENT_ID}, {@code EMPTY_TEXT},
 * {@code TEXT_TOO_LONG}, {@code RATE_LIMITED}, {@code LINK_GONE}, {@code UNAVAILABLE}: not stored, send again).
 */
@Component
class ChatFrames {

    private final JsonMapper json;

    ChatFrames(JsonMapper json) {
        this.json = json;
    }

    /** What the page sent, read. */
    sealed interface FromPage {

        record Send(String clientId, String text) implements FromPage {
        }

        record Invalid(String detail) implements FromPage {
        }
    }

    FromPage read(String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JacksonException notJson) {
            return new FromPage.Invalid("a frame must be a JSON object like {\"type\":\"send\",\"clientId\":\"…\","
                    + "\"text\":\"…\"}");
        }
        if (node == null || !node.isObject()) {
            return new FromPage.Invalid("a frame must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString() || !"send".equals(type.asString())) {
            return new FromPage.Invalid("type: must be \"send\"");
        }
        JsonNode clientId = node.get("clientId");
        JsonNode text = node.get("text");
        if (clientId != null && !clientId.isNull() && !clientId.isString()) {
            return new FromPage.Invalid("clientId: must be a string");
        }
        if (text != null && !text.isNull() && !text.isString()) {
            return new FromPage.Invalid("text: must be a string");
        }
        return new FromPage.Send(stringOrNull(clientId), stringOrNull(text));
    }

    String thread(List<ChatLine> messages) {
        return write(new ThreadFrame("thread", messages));
    }

    String message(ChatLine message) {
        return write(new MessageFrame("message", message));
    }

    String ack(String clientId, UUID messageId, boolean duplicate) {
        return write(new AckFrame("ack", clientId, messageId, duplicate));
    }

    String error(String code, String detail, String clientId) {
        return write(new ErrorFrame("error", code, detail, clientId));
    }

    private String write(Object frame) {
        return json.writeValueAsString(frame);
    }

    private static String stringOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    record ThreadFrame(String type, List<ChatLine> messages) {
    }

    record MessageFrame(String type, ChatLine message) {
    }

    record AckFrame(String type, String clientId, UUID messageId, boolean duplicate) {
    }

    record ErrorFrame(String type, String code, String detail, String clientId) {
    }
}
