package io.baifang.channels.twilio;

import java.time.Duration;
import java.util.UUID;

import io.baifang.channels.ChannelHarness;
import io.baifang.channels.ChannelKind;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.RejectionReason;
import io.baifang.channels.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static io.baifang.channels.twilio.TwilioFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The circuit breaker in the send path: Twilio down is left alone for a while, then tried once. */
class TwilioCircuitTests {

    private ChannelHarness harness;
    private TwilioHttpTransport transport;
    private final CircuitBreakerTests.MovableClock clock = new CircuitBreakerTests.MovableClock();
    private TwilioSmsChannel channel;

    @BeforeEach
    void aChannelWhoseCircuitOpensAfterThreeFailures() {
        harness = ChannelHarness.start();
        transport = transportTo(harness);
        CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        channel = new TwilioSmsChannel(sender(client(transport), circuit), new StatusCallbacks(PUBLIC_BASE),
                MESSAGING_SERVICE_SID, null);
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        harness.close();
    }

    @Test
    void whileOpenSendsAreAnsweredAtOnceWithoutCallingTwilio() {
        harness.stub(messages(refused(500, 20500)));
        send().expectNext(new SendOutcome.RetryLater("Twilio server error (500)", FAST_RETRY.laterAfter()))
                .verifyComplete();
        assertThat(harness.requests()).hasSize(3);

        clock.advance(Duration.ofSeconds(5));
        send().expectNext(new SendOutcome.RetryLater("circuit open", Duration.ofSeconds(25))).verifyComplete();
        assertThat(harness.requests()).as("no request while open").hasSize(3);
    }

    @Test
    void afterTheCoolDownOneTrialGoesThroughAndItsSuccessClosesTheCircuit() {
        harness.stub(messages(refused(500, 20500)));
        send().expectNextCount(1).verifyComplete();
        harness.reset();
        harness.stub(messages(created("SM0100")));

        clock.advance(Duration.ofSeconds(30));
        send().expectNext(new SendOutcome.Accepted("SM0100")).verifyComplete();
        send().expectNext(new SendOutcome.Accepted("SM0100")).verifyComplete();
        assertThat(harness.requests()).hasSize(2);
        harness.assertEveryStubUsedAndNothingUnmatched();
    }

    @Test
    void aFailedTrialIsNotRetriedAndReopensTheCircuit() {
        harness.stub(messages(refused(500, 20500)));
        send().expectNextCount(1).verifyComplete();

        clock.advance(Duration.ofSeconds(30));
        send().expectNext(new SendOutcome.RetryLater("circuit open", Duration.ofSeconds(30))).verifyComplete();
        assertThat(harness.requests()).as("three, then the one trial").hasSize(4);
    }

    @Test
    void permanentRefusalsDoNotOpenTheCircuit() {
        harness.stub(messages(refused(400, 21211)));
        for (int i = 0; i < 5; i++) {
            send().expectNextMatches(outcome -> outcome instanceof SendOutcome.Rejected rejected
                    && rejected.reason() == RejectionReason.INVALID_NUMBER).verifyComplete();
        }
        assertThat(harness.requests()).hasSize(5);
    }

    private StepVerifier.FirstStep<SendOutcome> send() {
        return channel.send(new OutboundMessage(UUID.randomUUID(), ChannelKind.SMS, CUSTOMER, "您好"))
                .as(StepVerifier::create);
    }
}
