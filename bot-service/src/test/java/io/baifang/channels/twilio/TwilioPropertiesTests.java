package io.baifang.channels.twilio;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioPropertiesTests {

    @Test
    void theDocumentedEnvironmentVariablesReachTheSettings() {
        StandardEnvironment environment = environmentWith(Map.of(
                "TWILIO_ACCOUNT_SID", "AC123",
                "TWILIO_AUTH_TOKEN", "secret-token",
                "TWILIO_MESSAGING_SERVICE_SID", "MG123"));

        TwilioProperties twilio = Binder.get(environment).bind("twilio", TwilioProperties.class).get();

        assertThat(twilio.accountSid()).isEqualTo("AC123");
        assertThat(twilio.authToken()).isEqualTo("secret-token");
        assertThat(twilio.messagingServiceSid()).isEqualTo("MG123");
        assertThat(environment.getProperty("twilio.auth-token")).as("what the on/off condition reads")
                .isEqualTo("secret-token");
    }

    @Test
    void defaultsBoundTheRetriesToAFewSeconds() {
        TwilioProperties twilio = Binder.get(environmentWith(Map.of("TWILIO_AUTH_TOKEN", "t")))
                .bindOrCreate("twilio", TwilioProperties.class);

        assertThat(twilio.retry().maxAttempts()).isEqualTo(3);
        assertThat(twilio.retry().firstBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(twilio.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(twilio.circuit().failureThreshold()).isEqualTo(5);
        assertThat(twilio.circuit().openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(twilio.apiBaseUrl()).hasToString("https://api.twilio.com");
    }

    @Test
    void theTokenNeverAppearsInTheSettingsDescription() {
        TwilioProperties twilio = Binder.get(environmentWith(Map.of("TWILIO_AUTH_TOKEN", "secret-token")))
                .bindOrCreate("twilio", TwilioProperties.class);
        assertThat(twilio.toString()).doesNotContain("secret-token");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
