package io.baifang.channels.twilio;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.baifang.channels.ChannelHarness;
import io.baifang.channels.ChannelKind;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.InboundMessage;
import io.baifang.channels.OutboundChannel;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.SendOutcome;
import io.baifang.channels.StatusReport;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static io.baifang.channels.twilio.TwilioFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's webhooks against the running application, and the Twilio beans as the application wires them
 * (sending pointed at WireMock). Forms are Twilio-shaped and signed the way Twilio signs them, for the
 * public URL Twilio was given ({@code baifang.public-base-url}), not the test server's port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=twilio-test-admin",
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/twilio-${random.uuid}",
        "baifang.public-base-url=https://baifang.example.cn",
        "twilio.account-sid=" + ACCOUNT_SID,
        "twilio.auth-token=" + AUTH_TOKEN,
        "twilio.messaging-service-sid=" + MESSAGING_SERVICE_SID,
        "twilio.whatsapp-from=" + WHATSAPP_FROM,
        "twilio.read-timeout=2s",
        "twilio.retry.first-backoff=10ms"})
@AutoConfigureWebTestClient
@Import({TestDatabase.class, TwilioWebhooksTests.RecordingEvents.class})
@ExtendWith(OutputCaptureExtension.class)
class TwilioWebhooksTests {

    private static final String INBOUND = "/webhooks/twilio/inbound";
    private static final String STATUS = "/webhooks/twilio/status";
    private static final String PUBLIC = "https://baifang.example.cn";
    private static final ChannelHarness TWILIO = ChannelHarness.start();

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingEvents {
        @Bean
        @Primary
        RecordingProviderEvents recordingProviderEvents() {
            return new RecordingProviderEvents();
        }
    }

    @DynamicPropertySource
    static void sendToWireMock(DynamicPropertyRegistry registry) {
        registry.add("twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stopTwilioStandIn() {
        TWILIO.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    RecordingProviderEvents events;

    @Autowired
    List<OutboundChannel> channels;

    @BeforeEach
    void forgetEarlierCases() {
        events.forget();
        TWILIO.reset();
    }

    // ---- inbound table -------------------------------------------------------------------------------

    /** One inbound case: the form, how it is signed, the HTTP answer, and what must have been recorded. */
    record InboundCase(String name, Map<String, String> form, Signing signing, int status, InboundMessage recorded) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Signing { GENUINE, FORGED, MISSING, FOR_ANOTHER_URL }

    static Stream<InboundCase> inboundCases() {
        return Stream.of(
                new InboundCase("a signed SMS is stored and answered with empty TwiML",
                        inboundForm("SM1001", "+8618875749118", "+12025550100", "明天上午十点来"), Signing.GENUINE, 200,
                        inbound("SM1001", ChannelKind.SMS, "+8618875749118", "+12025550100", "明天上午十点来")),
                new InboundCase("a signed WhatsApp message loses its whatsapp: prefix and is of kind WHATSAPP",
                        inboundForm("SM1002", "whatsapp:+8618875749118", "whatsapp:" + WHATSAPP_FROM, "好的"),
                        Signing.GENUINE, 200,
                        inbound("SM1002", ChannelKind.WHATSAPP, "+8618875749118", WHATSAPP_FROM, "好的")),
                new InboundCase("a Chinese mobile written loosely is stored as E.164",
                        inboundForm("SM1003", "008618875749118", "+12025550100", "T"), Signing.GENUINE, 200,
                        inbound("SM1003", ChannelKind.SMS, "+8618875749118", "+12025550100", "T")),
                new InboundCase("a sender that is not a Chinese mobile is kept as Twilio gave it",
                        inboundForm("SM1004", "+12025550123", "+12025550100", "hi"), Signing.GENUINE, 200,
                        inbound("SM1004", ChannelKind.SMS, "+12025550123", "+12025550100", "hi")),
                new InboundCase("a forged signature is refused and nothing is stored",
                        inboundForm("SM1005", "+8618875749118", "+12025550100", "x"), Signing.FORGED, 403, null),
                new InboundCase("a missing signature is refused and nothing is stored",
                        inboundForm("SM1006", "+8618875749118", "+12025550100", "x"), Signing.MISSING, 403, null),
                new InboundCase("a signature made for another URL is refused",
                        inboundForm("SM1007", "+8618875749118", "+12025550100", "x"), Signing.FOR_ANOTHER_URL, 403, null),
                new InboundCase("a signed form without MessageSid is malformed: 400, nothing stored",
                        without(inboundForm("SM1008", "+8618875749118", "+12025550100", "x"), "MessageSid"),
                        Signing.GENUINE, 400, null),
                new InboundCase("a signed form without From is malformed",
                        without(inboundForm("SM1009", "+8618875749118", "+12025550100", "x"), "From"),
                        Signing.GENUINE, 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundCases")
    void inboundWebhook(InboundCase row, CapturedOutput output) {
        WebTestClient.ResponseSpec answer = post(INBOUND, "", row.form(), row.signing());

        answer.expectStatus().isEqualTo(row.status());
        if (row.status() == 200) {
            answer.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML)
                    .expectBody(String.class).value(body -> assertThat(body).endsWith("<Response/>"));
            assertThat(output.getAll()).doesNotContain("refused");
        } else {
            answer.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        if (row.recorded() == null) {
            assertThat(events.calls).as("nothing handed over").isEmpty();
        } else {
            assertThat(events.inbound).singleElement()
                    .usingRecursiveComparison().ignoringFields("receivedAt").isEqualTo(row.recorded());
        }
        ChannelHarness.assertNoSecretIn(output.getAll(), AUTH_TOKEN, basicCredentials());
    }

    @Test
    void theSameMessageSidTwiceIsStoredOnceAndAnsweredTheSame() {
        Map<String, String> form = inboundForm("SM2001", "+8618875749118", "+12025550100", "好");
        String first = post(INBOUND, "", form, Signing.GENUINE).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String second = post(INBOUND, "", form, Signing.GENUINE).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(second).isEqualTo(first);
        assertThat(events.inbound).hasSize(1);
    }

    // ---- status table --------------------------------------------------------------------------------

    static Stream<Arguments> eachTwilioStatus() {
        return Stream.of(
                Arguments.of("queued", DeliveryStatus.QUEUED),
                Arguments.of("accepted", DeliveryStatus.QUEUED),
                Arguments.of("sending", DeliveryStatus.QUEUED),
                Arguments.of("sent", DeliveryStatus.SENT),
                Arguments.of("delivered", DeliveryStatus.DELIVERED),
                Arguments.of("read", DeliveryStatus.DELIVERED),
                Arguments.of("undelivered", DeliveryStatus.UNDELIVERED),
                Arguments.of("failed", DeliveryStatus.FAILED),
                Arguments.of("received", DeliveryStatus.RECEIVED));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("eachTwilioStatus")
    void eachSignedStatusIsRecordedInOurWords(String twilioStatus, DeliveryStatus ours) {
        UUID messageId = UUID.randomUUID();
        Map<String, String> form = statusForm("SM3001", twilioStatus, "undelivered".equals(twilioStatus) ? "30003" : null);

        post(STATUS, "?messageId=" + messageId, form, Signing.GENUINE)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML);

        assertThat(events.reports).singleElement().satisfies(report -> {
            assertThat(report.provider()).isEqualTo("twilio");
            assertThat(report.providerId()).isEqualTo("SM3001");
            assertThat(report.messageId()).isEqualTo(messageId);
            assertThat(report.status()).isEqualTo(ours);
            assertThat(report.errorCode()).isEqualTo("undelivered".equals(twilioStatus) ? "30003" : null);
            assertThat(report.reportedAt()).isNotNull();
        });
    }

    @Test
    void aStatusWeDoNotRecordIsAcknowledgedAndIgnored() {
        post(STATUS, "?messageId=" + UUID.randomUUID(), statusForm("SM3002", "partially_delivered", null),
                Signing.GENUINE).expectStatus().isOk();
        assertThat(events.calls).isEmpty();
    }

    @Test
    void aStatusWithATamperedMessageIdIsRefused() {
        Map<String, String> form = statusForm("SM3003", "delivered", null);
        String signedFor = PUBLIC + STATUS + "?messageId=" + UUID.randomUUID();
        web.post().uri(STATUS + "?messageId=" + UUID.randomUUID())
                .header("X-Twilio-Signature", twilioSignature(AUTH_TOKEN, signedFor, form))
                .body(BodyInserters.fromFormData(multi(form)))
                .exchange()
                .expectStatus().isForbidden();
        assertThat(events.calls).isEmpty();
    }

    @Test
    void forgedAndUnsignedStatusReportsAreRefused() {
        Map<String, String> form = statusForm("SM3004", "delivered", null);
        post(STATUS, "?messageId=" + UUID.randomUUID(), form, Signing.FORGED).expectStatus().isForbidden();
        post(STATUS, "?messageId=" + UUID.randomUUID(), form, Signing.MISSING).expectStatus().isForbidden();
        assertThat(events.calls).isEmpty();
    }

    @Test
    void aStatusWithoutMessageStatusIsMalformed() {
        post(STATUS, "?messageId=" + UUID.randomUUID(), without(statusForm("SM3005", "sent", null), "MessageStatus"),
                Signing.GENUINE).expectStatus().isBadRequest();
        assertThat(events.calls).isEmpty();
    }

    @Test
    void aRepeatedStatusIsRecordedOnce() {
        UUID messageId = UUID.randomUUID();
        Map<String, String> form = statusForm("SM3006", "delivered", null);
        post(STATUS, "?messageId=" + messageId, form, Signing.GENUINE).expectStatus().isOk();
        post(STATUS, "?messageId=" + messageId, form, Signing.GENUINE).expectStatus().isOk();
        assertThat(events.reports).hasSize(1);
    }

    // ---- wiring: the application's own Twilio beans, sending to WireMock ------------------------------

    @Test
    void theApplicationSendsThroughTheSdkAndASignedCallbackReportsDelivery() {
        TWILIO.stub(messages(created("SM4001")));
        OutboundChannel sms = channel(ChannelKind.SMS);
        UUID messageId = UUID.randomUUID();

        SendOutcome outcome = sms.send(new OutboundMessage(messageId, ChannelKind.SMS, CUSTOMER, "您好")).block();

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("SM4001"));
        String callback = ChannelHarness.singleValuedFormOf(TWILIO.requests().get(0)).get("StatusCallback");
        assertThat(callback).isEqualTo(PUBLIC + STATUS + "?messageId=" + messageId);
        TWILIO.assertEveryStubUsedAndNothingUnmatched();

        post(STATUS, callback.substring((PUBLIC + STATUS).length()), statusForm("SM4001", "delivered", null),
                Signing.GENUINE).expectStatus().isOk();
        assertThat(events.reports).singleElement()
                .extracting(StatusReport::messageId, StatusReport::status)
                .containsExactly(messageId, DeliveryStatus.DELIVERED);
    }

    @Test
    void bothTwilioChannelsAreWiredWhenConfigured() {
        assertThat(channel(ChannelKind.SMS)).isInstanceOf(TwilioSmsChannel.class);
        assertThat(channel(ChannelKind.WHATSAPP)).isInstanceOf(TwilioWhatsAppChannel.class);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private OutboundChannel channel(ChannelKind kind) {
        return channels.stream()
                .filter(channel -> channel.provider().equals("twilio") && channel.kind() == kind)
                .findFirst().orElseThrow();
    }

    private WebTestClient.ResponseSpec post(String path, String query, Map<String, String> form, Signing signing) {
        WebTestClient.RequestBodySpec request = web.post().uri(path + query)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        String signedUrl = PUBLIC + path + query;
        switch (signing) {
            case GENUINE -> request.header("X-Twilio-Signature", twilioSignature(AUTH_TOKEN, signedUrl, form));
            case FORGED -> request.header("X-Twilio-Signature", twilioSignature("not-the-token", signedUrl, form));
            case FOR_ANOTHER_URL -> request.header("X-Twilio-Signature",
                    twilioSignature(AUTH_TOKEN, PUBLIC + "/webhooks/other", form));
            case MISSING -> { }
        }
        return request.body(BodyInserters.fromFormData(multi(form))).exchange();
    }

    static Map<String, String> inboundForm(String sid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    static Map<String, String> statusForm(String sid, String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsSid", sid);
        form.put("SmsStatus", status);
        form.put("MessageStatus", status);
        form.put("To", CUSTOMER);
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", "+12025550100");
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    private static InboundMessage inbound(String sid, ChannelKind kind, String from, String to, String text) {
        return new InboundMessage("twilio", sid, kind, from, to, text, Instant.EPOCH);
    }

    private static Map<String, String> without(Map<String, String> form, String name) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.remove(name);
        return copy;
    }

    private static LinkedMultiValueMap<String, String> multi(Map<String, String> form) {
        LinkedMultiValueMap<String, String> multi = new LinkedMultiValueMap<>();
        form.forEach(multi::add);
        return multi;
    }

}
