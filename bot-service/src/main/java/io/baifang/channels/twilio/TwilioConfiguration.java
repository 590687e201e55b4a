package io.baifang.channels.twilio;

import java.time.Clock;
import java.time.Duration;

import com.twilio.http.TwilioRestClient;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Thin wiring. The webhooks always exist (they refuse everything without {@code twilio.auth-token}); the
 * SDK client and the channels exist only when {@code twilio.account-sid} and {@code twilio.auth-token} are
 * both set, and the WhatsApp channel only with {@code twilio.whatsapp-from} as well.
 */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

    static final String PROVIDER = "twilio";

    private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

    @Bean
    StatusCallbacks twilioStatusCallbacks(BaifangProperties baifang) {
        return new StatusCallbacks(baifang.publicBaseUrl());
    }

    @Bean
    TwilioSignatures twilioSignatures(TwilioProperties twilio) {
        TwilioSignatures signatures = TwilioSignatures.keyedWith(twilio.authToken());
        if (!signatures.canVerify()) {
            log.info("twilio.auth-token (TWILIO_AUTH_TOKEN) is not set: Twilio webhooks will answer 403 to every "
                    + "request and no Twilio channel is available");
        }
        return signatures;
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(SendingConfigured.class)
    static class Sending {

        @Bean(destroyMethod = "close")
        TwilioHttpTransport twilioHttpTransport(TwilioProperties twilio) {
            return new TwilioHttpTransport(twilio.apiBaseUrl(), twilio.connectTimeout(), twilio.readTimeout());
        }

        @Bean
        TwilioRestClient twilioRestClient(TwilioProperties twilio, TwilioHttpTransport transport) {
            return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                    .httpClient(transport)
                    .build();
        }

        @Bean
        TwilioMessageSender twilioMessageSender(TwilioRestClient client, BlockingWork blockingWork, Clock clock,
                                                TwilioProperties twilio) {
            CircuitBreaker circuit = new CircuitBreaker(twilio.circuit().failureThreshold(),
                    twilio.circuit().openFor(), clock);
            return new TwilioMessageSender(client, blockingWork, circuit, twilio.retry(), attemptTimeout(twilio));
        }

        @Bean
        TwilioSmsChannel twilioSmsChannel(TwilioMessageSender sender, StatusCallbacks statusCallbacks,
                                          TwilioProperties twilio) {
            return new TwilioSmsChannel(sender, statusCallbacks, twilio.messagingServiceSid(), twilio.from());
        }

        @Bean
        @Conditional(WhatsAppConfigured.class)
        TwilioWhatsAppChannel twilioWhatsAppChannel(TwilioMessageSender sender, StatusCallbacks statusCallbacks,
                                                    TwilioProperties twilio) {
            return new TwilioWhatsAppChannel(sender, statusCallbacks, twilio.whatsappFrom());
        }
    }

    /** A backstop above the HTTP client's own timeouts, should a request hang somewhere they do not cover. */
    static Duration attemptTimeout(TwilioProperties twilio) {
        return twilio.connectTimeout().plus(twilio.readTimeout()).plusSeconds(1);
    }

    /** Both settings present and not blank: an empty {@code ${TWILIO_AUTH_TOKEN:}} leaves Twilio off. */
    static final class SendingConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TwilioProperties.hasText(context.getEnvironment().getProperty("twilio.account-sid"))
                    && TwilioProperties.hasText(context.getEnvironment().getProperty("twilio.auth-token"));
        }
    }

    static final class WhatsAppConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TwilioProperties.hasText(context.getEnvironment().getProperty("twilio.whatsapp-from"));
        }
    }
}
