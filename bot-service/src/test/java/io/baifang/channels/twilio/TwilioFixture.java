package io.baifang.channels.twilio;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.twilio.http.TwilioRestClient;
import io.baifang.channels.ChannelHarness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;

/** Twilio-shaped answers, settings and signatures for the Twilio tests. */
final class TwilioFixture {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-token-3f9a1c";
    static final String MESSAGING_SERVICE_SID = "MG00000000000000000000000000000001";
    static final String SMS_FROM = "+12025550100";
    static final String WHATSAPP_FROM = "+14155238886";
    static final String CUSTOMER = "+8618875749118";
    static final URI PUBLIC_BASE = URI.create("https://baifang.example.cn");
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    static final TwilioProperties.Retry FAST_RETRY =
            new TwilioProperties.Retry(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5, Duration.ofMinutes(1));
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration READ_TIMEOUT = Duration.ofMillis(800);

    private TwilioFixture() {
    }

    static TwilioHttpTransport transportTo(ChannelHarness harness) {
        return new TwilioHttpTransport(URI.create(harness.baseUrl()), CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    static TwilioRestClient client(TwilioHttpTransport transport) {
        return new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN).httpClient(transport).build();
    }

    static TwilioMessageSender sender(TwilioRestClient client, CircuitBreaker circuit) {
        return new TwilioMessageSender(client, ChannelHarness.blockingWork(), circuit, FAST_RETRY,
                CONNECT_TIMEOUT.plus(READ_TIMEOUT).plusSeconds(1));
    }

    static CircuitBreaker circuitThatStaysClosed() {
        return new CircuitBreaker(1_000, Duration.ofSeconds(30), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static MappingBuilder messages(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo(MESSAGES_PATH)).willReturn(answer);
    }

    static ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"sid":"%s","account_sid":"%s","status":"queued","num_segments":"1","direction":"outbound-api"}
                """.formatted(sid, ACCOUNT_SID));
    }

    /** Twilio's error body: code, message, more_info, status. The message quotes the number, as Twilio's do. */
    static ResponseDefinitionBuilder refused(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"code":%d,"message":"The 'To' number %s is not valid.","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}
                """.formatted(code, CUSTOMER, code, status));
    }

    /**
     * {@code X-Twilio-Signature} computed the way Twilio documents it, independently of the SDK's validator:
     * the full URL, then each parameter name followed by its value, names sorted; HMAC-SHA1 keyed with the
     * auth token; Base64.
     */
    static String twilioSignature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String basicCredentials() {
        return Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(UTF_8));
    }
}
