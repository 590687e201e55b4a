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

import static io.baifang.channels.twilio.TwilioFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Twilio WhatsApp against WireMock, the same shape as the SMS tests: {@code whatsapp:} on both addresses. */
@ExtendWith(OutputCaptureExtension.class)
class TwilioWhatsAppChannelTests {

    private static ChannelHarness harness;
    private static TwilioHttpTransport transport;

    private TwilioWhatsAppChannel channel;

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
    void aWhatsAppChannel() {
        harness.reset();
        channel = new TwilioWhatsAppChannel(sender(client(transport), circuitThatStaysClosed()),
                new StatusCallbacks(PUBLIC_BASE), WHATSAPP_FROM);
    }

    static Stream<OutboundCase> outboundCases() {
        return Stream.of(
                new OutboundCase("accepted", List.of(messages(created("SMwa01"))),
                        new SendOutcome.Accepted("SMwa01"), 1),
                new OutboundCase("outside the 24-hour window (63016): rejected, never retried",
                        List.of(messages(refused(400, 63016))),
                        new SendOutcome.Rejected(RejectionReason.CONTENT_OR_SENDER, "63016",
                                "Twilio 63016: outside WhatsApp's 24-hour window: only an approved template may be sent"), 1),
                new OutboundCase("21211 is rejected as INVALID_NUMBER",
                        List.of(messages(refused(400, 21211))),
                        new SendOutcome.Rejected(RejectionReason.INVALID_NUMBER, "21211",
                                "Twilio 21211: the 'To' number is not a valid phone number"), 1),
                new OutboundCase("throttled (429) then accepted", List.of(
                        messages(refused(429, 20429)).inScenario("throttle")
                                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm"),
                        messages(created("SMwa02")).inScenario("throttle").whenScenarioStateIs("calm")),
                        new SendOutcome.Accepted("SMwa02"), 2),
                new OutboundCase("a 502 storm: three requests, then retry later",
                        List.of(messages(refused(502, 20502))),
                        new SendOutcome.RetryLater("Twilio server error (502)", FAST_RETRY.laterAfter()), 3),
                new OutboundCase("answers slower than the read timeout",
                        List.of(messages(created("SMwa03").withFixedDelay(2_000))),
                        new SendOutcome.RetryLater("no answer from Twilio in time", FAST_RETRY.laterAfter()), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outboundCases")
    void eachTwilioAnswerBecomesOneOutcome(OutboundCase row, CapturedOutput output) {
        row.stubs().forEach(harness::stub);
        UUID messageId = UUID.randomUUID();

        channel.send(new OutboundMessage(messageId, ChannelKind.WHATSAPP, CUSTOMER, "新春快乐!"))
                .as(StepVerifier::create)
                .expectNext(row.expected())
                .verifyComplete();

        List<LoggedRequest> requests = harness.requests();
        assertThat(requests).as("requests Twilio received").hasSize(row.requests());
        for (LoggedRequest request : requests) {
            assertThat(ChannelHarness.singleValuedFormOf(request)).isEqualTo(Map.of(
                    "To", "whatsapp:" + CUSTOMER,
                    "From", "whatsapp:" + WHATSAPP_FROM,
                    "Body", "新春快乐!",
                    "StatusCallback", "https://baifang.example.cn/webhooks/twilio/status?messageId=" + messageId));
        }
        harness.assertEveryStubUsedAndNothingUnmatched();
        ChannelHarness.assertNoSecretIn(output.getAll(), AUTH_TOKEN, basicCredentials(), CUSTOMER);
    }

    @Test
    void theChannelIsTwilioWhatsApp() {
        assertThat(channel.provider()).isEqualTo("twilio");
        assertThat(channel.kind()).isEqualTo(ChannelKind.WHATSAPP);
    }
}
