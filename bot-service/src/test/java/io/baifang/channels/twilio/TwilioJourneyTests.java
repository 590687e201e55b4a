package io.baifang.channels.twilio;

import io.baifang.shared.ApiFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.baifang.channels.ChannelHarness;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import static io.baifang.channels.twilio.TwilioFixture.ACCOUNT_SID;
import static io.baifang.channels.twilio.TwilioFixture.AUTH_TOKEN;
import static io.baifang.channels.twilio.TwilioFixture.MESSAGING_SERVICE_SID;
import static io.baifang.channels.twilio.TwilioFixture.created;
import static io.baifang.channels.twilio.TwilioFixture.messages;
import static io.baifang.channels.twilio.TwilioFixture.twilioSignature;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole Twilio path in the running application, with Twilio's REST API played by WireMock: a staff
 * message goes out through the SDK with the right form fields, a forged status callback is refused and
 * changes nothing, and a signed one moves the stored message to DELIVERED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=journey-admin",
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/twilio-journey-${random.uuid}",
        "baifang.public-base-url=https://baifang.example.cn",
        "baifang.contact-policy.quiet-hours.enabled=false",
        "baifang.channels.sms-provider=twilio",
        "twilio.account-sid=" + ACCOUNT_SID,
        "twilio.auth-token=" + AUTH_TOKEN,
        "twilio.messaging-service-sid=" + MESSAGING_SERVICE_SID,
        "twilio.retry.first-backoff=10ms"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
class TwilioJourneyTests {

    private static final String PUBLIC = "https://baifang.example.cn";
    private static final ChannelHarness TWILIO = ChannelHarness.start();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void twilioIsWireMock(DynamicPropertyRegistry registry) {
        registry.add("twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.close();
    }

    @Test
    void aStaffMessageGoesOutThroughTwilioAndASignedStatusCallbackMarksItDelivered() {
        importTheSampleSheet();
        String customerId = customerIdByPhone("13065517455");
        TWILIO.stub(messages(created("SM0123456789abcdef0123456789abcdef")));

        JsonNode sent = sendInvitationOnceCountersAreRebuilt(customerId);
        String messageId = sent.get("id").asString();

        List<LoggedRequest> requests = TWILIO.requests();
        assertThat(requests).hasSize(1);
        Map<String, String> form = ChannelHarness.singleValuedFormOf(requests.get(0));
        assertThat(form).containsEntry("To", "+8613065517455")
                .containsEntry("MessagingServiceSid", MESSAGING_SERVICE_SID)
                .containsEntry("StatusCallback", PUBLIC + "/webhooks/twilio/status?messageId=" + messageId);
        assertThat(form.get("Body")).startsWith("【百访银行】熊华桂您好").endsWith("回T退订");
        TWILIO.assertEveryStubUsedAndNothingUnmatched();

        Map<String, String> delivered = Map.of("MessageSid", "SM0123456789abcdef0123456789abcdef",
                "MessageStatus", "delivered", "AccountSid", ACCOUNT_SID, "To", "+8613065517455");
        String signedUrl = PUBLIC + "/webhooks/twilio/status?messageId=" + messageId;

        statusCallback(messageId, delivered, twilioSignature("not-the-token", signedUrl, delivered))
                .expectStatus().isForbidden();
        assertThat(storedStatus(customerId, messageId)).isEqualTo("SENT");

        statusCallback(messageId, delivered, twilioSignature(AUTH_TOKEN, signedUrl, delivered))
                .expectStatus().isOk();
        assertThat(storedStatus(customerId, messageId)).isEqualTo("DELIVERED");
        assertThat(history(customerId, messageId)).containsSubsequence("QUEUED", "SENT", "DELIVERED");
    }

    /**
     * Right after start-up marketing is paused (503, Retry-After) until the contact counters are rebuilt
     * from the contact log; a client tries again, as this does. A paused answer sends and counts nothing.
     */
    private JsonNode sendInvitationOnceCountersAreRebuilt(String customerId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            var result = asAdmin().post().uri("/api/customers/" + customerId + "/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("templateId", "visit-invitation",
                            "variables", Map.of("activity", "存款有礼", "offeredDay", "明天")))
                    .exchange()
                    .expectBody(JsonNode.class).returnResult();
            if (result.getStatus().value() != 503 || System.nanoTime() > deadline) {
                assertThat(result.getStatus().value()).isEqualTo(202);
                return result.getResponseBody();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private WebTestClient.ResponseSpec statusCallback(String messageId, Map<String, String> form, String signature) {
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return web.post().uri("/webhooks/twilio/status?messageId=" + messageId)
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }

    private String storedStatus(String customerId, String messageId) {
        return message(customerId, messageId).get("status").asString();
    }

    private List<String> history(String customerId, String messageId) {
        List<String> statuses = new ArrayList<>();
        message(customerId, messageId).get("history").forEach(entry -> statuses.add(entry.get("status").asString()));
        return statuses;
    }

    private JsonNode message(String customerId, String messageId) {
        JsonNode page = asAdmin().get().uri("/api/customers/" + customerId + "/messages").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode message : page.get("items")) {
            if (message.get("id").asString().equals(messageId)) {
                return message;
            }
        }
        throw new AssertionError("message " + messageId + " is not in the customer's thread");
    }

    private void importTheSampleSheet() {
        ApiFixture.importSampleSheet(asAdmin());
    }

    private String customerIdByPhone(String phone) {
        return ApiFixture.customerIdByPhone(asAdmin(), phone);
    }

    private WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", "journey-admin")).build();
    }
}
