package io.baifang.channels;

import io.baifang.shared.ApiFixture;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Messaging on the embedded default: H2 in a fresh data directory, SMS through the simulated gateway. */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/messaging-${random.uuid}")
class EmbeddedMessagingApiTests extends MessagingApiContract {

    @Test
    void aMessageSentToACustomerAppearsOnTheirSimulatedPhone() {
        String id = customerIdByPhone(CONSENTING);
        send(id, "visit-invitation", INVITATION, null).expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("DELIVERED");

        JsonNode screen = phone(CONSENTING);

        assertThat(screen).hasSize(1);
        assertThat(screen.get(0).get("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(screen.get(0).get("text").asString()).startsWith("【").contains("熊华桂", "存款送米面油");
        assertThat(screen.get(0).get("at").asString()).isNotBlank();
        assertThat(onlyMessageOf(id).get("provider").asString()).isEqualTo("simulator");
        assertThat(ApiFixture.statusesOf(onlyMessageOf(id))).containsExactly("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void aReplyFromASimulatedPhoneTakesTheInboundPathAndAppearsOnThePhone() {
        String id = customerIdByPhone(CONSENTING);
        send(id, "visit-invitation", INVITATION, null).expectStatus().isAccepted();

        asAdmin().post().uri("/api/simulator/phones/{phone}/reply", CONSENTING).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"明天上午10点\"}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.direction").isEqualTo("INBOUND");

        JsonNode screen = phone(CONSENTING);
        List<String> lines = List.of(screen.get(0).get("direction").asString(), screen.get(1).get("direction").asString());
        assertThat(lines).containsExactly("OUTBOUND", "INBOUND");
        assertThat(screen.get(1).get("text").asString()).isEqualTo("明天上午10点");
        JsonNode thread = messagesOf(id);
        assertThat(thread.get("total").asInt()).isEqualTo(2);
        assertThat(thread.get("items").get(1).get("direction").asString()).isEqualTo("INBOUND");
        assertThat(thread.get("items").get(1).get("provider").asString()).isEqualTo("simulator");
        assertThat(published.received).singleElement().satisfies(event -> {
            assertThat(event.customerId()).hasToString(id);
            assertThat(event.text()).isEqualTo("明天上午10点");
        });
    }

    @Test
    void anUnknownPhoneShowsNothingAndANumberThatIsNotE164IsA400() {
        assertThat(phone("+8613900000009")).isEmpty();
        asAdmin().get().uri("/api/simulator/phones/{phone}/messages", "not-a-phone").exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/simulator/phones/{phone}/messages", CONSENTING).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theSimulatorPageIsServedToSignedInStaff() {
        asAdmin().get().uri("/simulator").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().location("/simulator/index.html");
        asAdmin().get().uri("/simulator/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        asAdmin().get().uri("/simulator/simulator.js").exchange().expectStatus().isOk();
    }

    @Test
    void theSimulatorsRepliesAreIdempotentByProviderIdLikeAnyInbound() {
        InboundMessage reply = new InboundMessage("simulator", "SIM-fixed", ChannelKind.SMS, CONSENTING, "simulator",
                "好", java.time.Instant.now());
        providerEvents.inboundReceived(reply).as(StepVerifier::create).expectNext(true).verifyComplete();
        providerEvents.inboundReceived(reply).as(StepVerifier::create).expectNext(false).verifyComplete();
        assertThat(count("select count(*) as n from messages where provider = 'simulator'")).isEqualTo(1);
    }

    private JsonNode phone(String e164) {
        return asAdmin().get().uri("/api/simulator/phones/{phone}/messages", e164).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
