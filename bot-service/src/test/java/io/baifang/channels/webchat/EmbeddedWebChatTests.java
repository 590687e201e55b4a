package io.baifang.channels.webchat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web chat on the embedded default (H2), where SMS goes to the simulated phones: the whole path from the
 * invitation SMS to a conversation in the chat.
 */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/webchat-${random.uuid}")
class EmbeddedWebChatTests extends WebChatContract {

    @Test
    void theInvitationSmsCarriesAFreshLinkThatOpensTheCustomersChat() {
        asAdmin().post().uri("/api/customers/{id}/messages", customer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"templateId\":\"chat-invitation\"}")
                .exchange()
                .expectStatus().isAccepted();

        JsonNode screen = asAdmin().get().uri("/api/simulator/phones/{phone}/messages", CUSTOMER_PHONE).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        String sms = screen.get(0).get("text").asString();
        assertThat(sms).contains("熊华桂", "https://chat.example.test/chat/");
        String token = sms.replaceAll("(?s).*https://chat\\.example\\.test/chat/([A-Za-z0-9_-]{43}).*", "$1");
        assertThat(token).hasSize(43);
        assertThat(count("select count(*) as n from chat_links where created_by = 'admin'")).isEqualTo(1);

        web.get().uri("/chat/{token}", token).exchange().expectStatus().isOk();
        try (ChatClient page = ChatClient.open(port, token)) {
            page.next("thread");
            page.sendMessage("reply-from-sms", "你好，我想咨询一下");
            assertThat(page.next("ack").get("duplicate").asBoolean()).isFalse();
        }
        JsonNode thread = asAdmin().get().uri("/api/customers/{id}/messages", customer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> channels = List.of(thread.get("items").get(0).get("channel").asString(),
                thread.get("items").get(1).get("channel").asString());
        assertThat(channels).containsExactly("SMS", "WEBCHAT");
    }
}
