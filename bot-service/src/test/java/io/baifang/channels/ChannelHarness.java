package io.baifang.channels;

import java.lang.reflect.Constructor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.baifang.shared.BlockingWork;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one harness every channel's tests use (ARCHITECTURE.md, "Channels" under Tests): a WireMock server on
 * localhost standing in for the provider, and the checks every case ends with: every stub was used, no
 * request went unmatched, the exact form the provider received, and that no secret reached the log.
 *
 * <p>Each provider's test file has the same shape: a table of {@link OutboundCase}s run against the stubs,
 * and a table of inbound webhook cases posted to the running application.
 */
public final class ChannelHarness implements AutoCloseable {

    private final WireMockServer provider;

    private ChannelHarness(WireMockServer provider) {
        this.provider = provider;
    }

    /** Starts a provider stand-in on a free port of localhost; nothing leaves the machine. */
    public static ChannelHarness start() {
        WireMockServer server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("localhost")
                // a quiet notifier: WireMock's console one prints unmatched request bodies (phone numbers)
                .notifier(new Slf4jNotifier(false)));
        server.start();
        ChannelHarness harness = new ChannelHarness(server);
        harness.warmUp();
        return harness;
    }

    /**
     * A fresh WireMock answers its first requests slowly (class loading, JIT); cases that assert timeouts
     * would otherwise see a spurious one. A few round trips first, then everything is forgotten.
     */
    private void warmUp() {
        provider.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/harness-warm-up")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withBody("{}")));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 5; i++) {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/harness-warm-up"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a=b"))
                                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("the provider stand-in did not answer", e);
        }
        provider.resetAll();
    }

    /**
     * The address to give the provider's SDK. {@code localhost}, never {@code 127.0.0.1}: SDKs such as
     * Twilio's read a dotted host as {@code product.region.domain}.
     */
    public String baseUrl() {
        return "http://localhost:" + provider.port();
    }

    public WireMockServer provider() {
        return provider;
    }

    public void stub(MappingBuilder... stubs) {
        for (MappingBuilder stub : stubs) {
            provider.stubFor(stub);
        }
    }

    /** Forgets the previous case's stubs, requests and scenarios. */
    public void reset() {
        provider.resetAll();
    }

    public List<LoggedRequest> requests() {
        return provider.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .toList();
    }

    /** An unused stub means the case did not exercise what it claims to; an unmatched request is a surprise. */
    public void assertEveryStubUsedAndNothingUnmatched() {
        assertThat(provider.findAllUnmatchedRequests()).as("requests no stub matched").isEmpty();
        Set<UUID> used = provider.getAllServeEvents().stream()
                .filter(event -> event.getStubMapping() != null)
                .map(event -> event.getStubMapping().getId())
                .collect(Collectors.toSet());
        List<String> unused = provider.listAllStubMappings().getMappings().stream()
                .filter(stub -> !used.contains(stub.getId()))
                .map(ChannelHarness::describe)
                .toList();
        assertThat(unused).as("stubs the case never used").isEmpty();
    }

    /** The form-encoded body a provider received, decoded, in the order sent; repeated names keep every value. */
    public static Map<String, List<String>> formOf(LoggedRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            form.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return form;
    }

    /** Single-valued view of {@link #formOf}, for exact comparison with an expected form. */
    public static Map<String, String> singleValuedFormOf(LoggedRequest request) {
        Map<String, String> single = new LinkedHashMap<>();
        formOf(request).forEach((name, values) -> {
            assertThat(values).as("form field %s sent once", name).hasSize(1);
            single.put(name, values.get(0));
        });
        return single;
    }

    public static void assertNoSecretIn(String log, String... secrets) {
        for (String secret : secrets) {
            assertThat(log).as("the log must not contain a secret").doesNotContain(secret);
        }
    }

    /**
     * The service's {@link BlockingWork} on a small scheduler of its own. Its constructor is private to
     * {@code shared} (the application makes one); channel adapters are tested without Spring, so the
     * harness reaches it by reflection, here and nowhere else.
     */
    public static BlockingWork blockingWork() {
        try {
            Constructor<BlockingWork> constructor = BlockingWork.class.getDeclaredConstructor(Scheduler.class);
            constructor.setAccessible(true);
            return constructor.newInstance(Schedulers.newBoundedElastic(4, 100, "channel-harness-blocking"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("BlockingWork can no longer be made for tests", e);
        }
    }

    /**
     * One row of a provider's outbound table.
     *
     * @param stubs    what the provider answers, in order (scenario states for "429 then 201")
     * @param expected the outcome {@code send} must give
     * @param requests how many HTTP requests the provider must see: retries are counted, never multiplied
     */
    public record OutboundCase(String name, List<MappingBuilder> stubs, SendOutcome expected, int requests) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Override
    public void close() {
        provider.stop();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String describe(StubMapping stub) {
        return stub.getRequest().getMethod() + " " + stub.getRequest().getUrlMatcher()
                + (stub.getScenarioName() == null ? "" : " [" + stub.getScenarioName() + ": "
                + stub.getRequiredScenarioState() + "]");
    }
}
