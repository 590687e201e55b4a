package io.baifang.channels.twilio;

import java.util.Map;

import io.baifang.channels.OutboundChannel;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static io.baifang.channels.twilio.TwilioFixture.twilioSignature;
import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code twilio.auth-token} nothing can be verified, so the webhooks refuse everything. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=twilio-test-admin",
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/twilio-off-${random.uuid}",
        "twilio.account-sid=" + TwilioFixture.ACCOUNT_SID,
        "twilio.auth-token="})
@AutoConfigureWebTestClient
@Import({TestDatabase.class, TwilioWebhooksWithoutTokenTests.RecordingEvents.class})
@ExtendWith(OutputCaptureExtension.class)
class TwilioWebhooksWithoutTokenTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingEvents {
        @Bean
        @Primary
        RecordingProviderEvents recordingProviderEvents() {
            return new RecordingProviderEvents();
        }
    }

    @Autowired
    WebTestClient web;

    @Autowired
    RecordingProviderEvents events;

    @Autowired
    ObjectProvider<OutboundChannel> channels;

    @Test
    void aRequestSignedWithAnyTokenIsRefusedAndNothingIsRecorded(CapturedOutput output) {
        Map<String, String> form = TwilioWebhooksTests.inboundForm("SM5001", "+8618875749118", "+12025550100", "好");
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);

        web.post().uri("/webhooks/twilio/inbound")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", twilioSignature("some-token", "http://localhost:8080/webhooks/twilio/inbound", form))
                .body(BodyInserters.fromFormData(body))
                .exchange()
                .expectStatus().isForbidden();

        assertThat(events.calls).isEmpty();
        assertThat(output.getAll()).contains("twilio.auth-token is not set");
    }

    @Test
    void noTwilioChannelExistsWhenTheTokenIsBlank() {
        assertThat(channels.stream()).noneMatch(channel -> channel.provider().equals("twilio"));
    }

    @Test
    void theStartUpLogSaysTheWebhooksAreClosed(CapturedOutput output) {
        // captured from the class's start, so the context's start-up is in it when this class made the context
        assertThat(output.getAll()).containsOnlyOnce("Twilio webhooks will answer 403 to every request");
    }
}
