package io.baifang.channels.twilio;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.baifang.channels.ChannelHarness;
import io.baifang.channels.ChannelHarness.OutboundCase;
import io.baifang.channels.ChannelKind;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.RejectionReason;
import io.baifang.channels.SendOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.baifang.channels.twilio.TwilioFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio SMS against WireMock standing in for Twilio's REST API, through the real SDK: the outbound table
 * (what each answer becomes, the exact form Twilio received, how many requests it saw), then the sender
 * configurations and the failures a table cannot stub.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwilioSmsChannelTests {

    private static final String INVITATION = "【重庆农商行】明天我们网点有积分兑礼活动,到店有礼,请问您明天什么时候来?回T退订";

    private static ChannelHarness harness;
    private static TwilioHttpTransport transport;

    private TwilioSmsChannel channel;

    @BeforeAll
    static void startTwilioStandIn() {
        harness = ChannelHarness.start();
        transport = transportTo(harness);
    }

    @AfterAll
    static void stopTwilioStandIn() throws Exception {
        transport.close();
        harness.close();
    }

    @BeforeEach
    void aChannelThroughTheMessagingService() {
        harness.reset();
        channel = new TwilioSmsChannel(sender(client(transport), circuitThatStaysClosed()),
                new StatusCallbacks(PUBLIC_BASE), MESSAGING_SERVICE_SID, null);
    }

    static Stream<OutboundCase> outboundCases() {
        return Stream.of(
                new OutboundCase("accepted", List.of(messages(created("SM0001"))),
                        new SendOutcome.Accepted("SM0001"), 1),
                rejected(21211, RejectionReason.INVALID_NUMBER, "the 'To' number is not a valid phone number"),
                rejected(21610, RejectionReason.RECIPIENT_OPTED_OUT, "the recipient unsubscribed (replied STOP)"),
                rejected(21614, RejectionReason.NOT_A_MOBILE, "the 'To' number cannot receive SMS"),
                rejected(21408, RejectionReason.REGION_NOT_ENABLED,
                        "sending to this region is not enabled on the account"),
                rejected(21602, RejectionReason.CONTENT_OR_SENDER, "the message body is empty"),
                rejected(21606, RejectionReason.CONTENT_OR_SENDER, "the sender number cannot send to this number"),
                rejected(21659, RejectionReason.CONTENT_OR_SENDER, "the sender is not a Twilio number of this account"),
                rejected(30007, RejectionReason.CONTENT_OR_SENDER, "the carrier filtered the message"),
                new OutboundCase("an unknown 4xx code is rejected naming the code",
                        List.of(messages(refused(400, 21999))),
                        new SendOutcome.Rejected(RejectionReason.OTHER, "21999",
                                "Twilio refused the message (HTTP 400, code 21999)"), 1),
                new OutboundCase("throttled (429) then accepted", List.of(
                        messages(refused(429, 20429)).inScenario("throttle")
                                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm"),
                        messages(created("SM0002")).inScenario("throttle").whenScenarioStateIs("calm")),
                        new SendOutcome.Accepted("SM0002"), 2),
                new OutboundCase("a 500 then accepted", List.of(
                        messages(refused(500, 20500)).inScenario("hiccup")
                                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fine"),
                        messages(created("SM0003")).inScenario("hiccup").whenScenarioStateIs("fine")),
                        new SendOutcome.Accepted("SM0003"), 2),
                new OutboundCase("a 500 storm: three requests, not nine, then retry later",
                        List.of(messages(refused(500, 20500))),
                        new SendOutcome.RetryLater("Twilio server error (500)", FAST_RETRY.laterAfter()), 3),
                new OutboundCase("a proxy's HTML 503 storm is still a server error",
                        List.of(messages(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                                .withBody("<html><body>Service Unavailable</body></html>"))),
                        new SendOutcome.RetryLater("Twilio server error (503)", FAST_RETRY.laterAfter()), 3),
                new OutboundCase("throttled every time: retry later",
                        List.of(messages(refused(429, 20429))),
                        new SendOutcome.RetryLater("throttled by Twilio (429)", FAST_RETRY.laterAfter()), 3),
                new OutboundCase("answers slower than the read timeout",
                        List.of(messages(created("SM0004").withFixedDelay(2_000))),
                        new SendOutcome.RetryLater("no answer from Twilio in time", FAST_RETRY.laterAfter()), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outboundCases")
    void eachTwilioAnswerBecomesOneOutcome(OutboundCase row, CapturedOutput output) {
        row.stubs().forEach(harness::stub);
        UUID messageId = UUID.randomUUID();

        channel.send(new OutboundMessage(messageId, ChannelKind.SMS, CUSTOMER, INVITATION))
                .as(StepVerifier::create)
                .expectNext(row.expected())
                .verifyComplete();

        List<LoggedRequest> requests = harness.requests();
        assertThat(requests).as("requests Twilio received").hasSize(row.requests());
        for (LoggedRequest request : requests) {
            assertThat(request.getUrl()).isEqualTo(MESSAGES_PATH);
            assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + basicCredentials());
            assertThat(ChannelHarness.singleValuedFormOf(request)).isEqualTo(Map.of(
                    "To", CUSTOMER,
                    "Body", INVITATION,
                    "MessagingServiceSid", MESSAGING_SERVICE_SID,
                    "StatusCallback", "https://baifang.example.cn/webhooks/twilio/status?messageId=" + messageId));
        }
        harness.assertEveryStubUsedAndNothingUnmatched();
        ChannelHarness.assertNoSecretIn(output.getAll(), AUTH_TOKEN, basicCredentials(), CUSTOMER);
    }

    @Test
    void withoutAMessagingServiceTheConfiguredNumberSends() {
        TwilioSmsChannel fromANumber = new TwilioSmsChannel(sender(client(transport), circuitThatStaysClosed()),
                new StatusCallbacks(PUBLIC_BASE), null, SMS_FROM);
        harness.stub(messages(created("SM0010")));
        UUID messageId = UUID.randomUUID();

        fromANumber.send(new OutboundMessage(messageId, ChannelKind.SMS, CUSTOMER, "您好"))
                .as(StepVerifier::create)
                .expectNext(new SendOutcome.Accepted("SM0010"))
                .verifyComplete();

        assertThat(ChannelHarness.singleValuedFormOf(harness.requests().get(0))).isEqualTo(Map.of(
                "To", CUSTOMER,
                "From", SMS_FROM,
                "Body", "您好",
                "StatusCallback", "https://baifang.example.cn/webhooks/twilio/status?messageId=" + messageId));
        harness.assertEveryStubUsedAndNothingUnmatched();
    }

    @Test
    void aRefusedConnectionIsRetriedThenRetryLater(CapturedOutput output) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TwilioHttpTransport nowhere = new TwilioHttpTransport(
                java.net.URI.create("http://localhost:" + closedPort), CONNECT_TIMEOUT, READ_TIMEOUT)) {
            TwilioSmsChannel unreachable = new TwilioSmsChannel(sender(client(nowhere), circuitThatStaysClosed()),
                    new StatusCallbacks(PUBLIC_BASE), MESSAGING_SERVICE_SID, null);

            unreachable.send(new OutboundMessage(UUID.randomUUID(), ChannelKind.SMS, CUSTOMER, "您好"))
                    .as(StepVerifier::create)
                    .expectNext(new SendOutcome.RetryLater("could not connect to Twilio", FAST_RETRY.laterAfter()))
                    .verifyComplete();
        }
        assertThat(output.getAll()).contains("failed: could not connect to Twilio");
        ChannelHarness.assertNoSecretIn(output.getAll(), AUTH_TOKEN, basicCredentials(), CUSTOMER);
    }

    @Test
    void aSmsChannelNeedsASender() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TwilioSmsChannel(
                        sender(client(transport), circuitThatStaysClosed()), new StatusCallbacks(PUBLIC_BASE), " ", null))
                .hasMessageContaining("twilio.messaging-service-sid or twilio.from");
    }

    @Test
    void theChannelIsTwilioSms() {
        assertThat(channel.provider()).isEqualTo("twilio");
        assertThat(channel.kind()).isEqualTo(ChannelKind.SMS);
    }

    private static OutboundCase rejected(int code, RejectionReason reason, String detail) {
        return new OutboundCase(code + " is rejected as " + reason + ", never retried",
                List.of(messages(refused(400, code))),
                new SendOutcome.Rejected(reason, String.valueOf(code), "Twilio " + code + ": " + detail), 1);
    }
}
