package io.baifang.channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.baifang.shared.ApiFixture;
import io.baifang.shared.SettableClock;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff marketing message sent during quiet hours is deferred, never dropped: stored {@code QUEUED} and
 * uncounted, decided again when the quiet hours end, and sent then if the policy still allows it. Staff
 * messages also pass the provider's flow-control limit (here the simulator's: two of one template to one number
 * a day) and keep to its throughput (five a second). The application's clock is set by the test, on the
 * embedded default with quiet hours on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + DeferredMessagesTests.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=true",
        // the simulated gateway takes five messages a second, as a provider's throughput limit would
        "baifang.channels.max-per-second.simulator=5",
        // the test runs the sweeps itself
        "baifang.channels.sweep-interval=PT1H"})
@AutoConfigureWebTestClient
@Import({TestDatabase.class, SettableClock.Configuration.class})
class DeferredMessagesTests {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** 熊华桂, JLP002, consent 是 */
    static final String CONSENTING = "+8613065517455";

    static final Map<String, String> INVITATION = Map.of("activity", "存款送米面油", "offeredDay", "明天");

    /** Wednesday 20 January 2027, 22:00 in Shanghai: quiet hours. */
    static final Instant TEN_PM = OffsetDateTime.parse("2027-01-20T22:00:00+08:00").toInstant();

    /** The next morning, when quiet hours end. */
    static final OffsetDateTime EIGHT_AM = OffsetDateTime.parse("2027-01-21T08:00:00+08:00");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    MessageSweeps sweeps;

    @Autowired
    SettableClock clock;

    @DynamicPropertySource
    static void aConfigWithASimulatorFlowLimit(DynamicPropertyRegistry registry) {
        registry.add("baifang.config-dir", () -> configWithSimulatorLimit().toString());
    }

    @BeforeEach
    void startFromAnEmptyRegistryAtTenInTheEvening() {
        for (String table : List.of("message_status_history", "messages", "simulated_phone_messages", "contact_log",
                "customer_provenance", "lead_import_rejections", "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        ApiFixture.importSampleSheet(asAdmin());
        awaitCountersRebuilt();
        clock.set(TEN_PM);
    }

    @Test
    void aMarketingMessageAt22IsKeptQueuedAndSentWhenQuietHoursEnd() {
        String id = ApiFixture.customerIdByPhone(asAdmin(), CONSENTING);

        send(id, "visit-invitation").expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.status").isEqualTo("QUEUED")
                .jsonPath("$.decision").isEqualTo("QUIET_HOURS_DEFERRED")
                .jsonPath("$.rule").isEqualTo("quiet-hours")
                .jsonPath("$.sendAt").isEqualTo("2027-01-21T08:00:00+08:00");
        assertThat(phone(CONSENTING)).isEmpty();

        clock.set(EIGHT_AM.minusMinutes(1).toInstant());
        sweep();
        assertThat(phone(CONSENTING)).as("still quiet at 07:59").isEmpty();
        assertThat(onlyMessageOf(id).get("errorCode").asString()).isEqualTo("QUIET_HOURS_DEFERRED");

        clock.set(EIGHT_AM.plusSeconds(5).toInstant());
        sweep();

        assertThat(phone(CONSENTING)).singleElement().satisfies(text -> assertThat(text).contains("存款送米面油"));
        JsonNode message = onlyMessageOf(id);
        assertThat(message.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(ApiFixture.statusesOf(message)).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(decisionsOldestFirst(id)).containsExactly("QUIET_HOURS_DEFERRED", "ALLOWED");
    }

    @Test
    void whenTheMorningSlotIsTakenMeanwhileTheDeferredMessageFailsWithTheCapThatRefusedIt() {
        String id = ApiFixture.customerIdByPhone(asAdmin(), CONSENTING);
        send(id, "visit-invitation").expectStatus().isAccepted();
        clock.set(EIGHT_AM.minusHours(1).toInstant());
        send(id, "visit-invitation").expectStatus().isAccepted();

        clock.set(EIGHT_AM.plusMinutes(1).toInstant());
        sweep();

        assertThat(phone(CONSENTING)).hasSize(1);
        JsonNode thread = messagesOf(id);
        assertThat(thread.get("items")).extracting(item -> item.get("status").asString())
                .containsExactlyInAnyOrder("DELIVERED", "FAILED");
        JsonNode failed = thread.get("items").valueStream()
                .filter(item -> item.get("status").asString().equals("FAILED")).findFirst().orElseThrow();
        assertThat(failed.get("errorCode").asString()).isEqualTo("FREQUENCY_CAP");
        assertThat(decisionsOldestFirst(id)).containsExactly(
                "QUIET_HOURS_DEFERRED", "QUIET_HOURS_DEFERRED", "ALLOWED", "FREQUENCY_CAP");
    }

    @Test
    void aCustomerWhoOptsOutOvernightGetsNothingInTheMorning() {
        String id = ApiFixture.customerIdByPhone(asAdmin(), CONSENTING);
        send(id, "visit-invitation").expectStatus().isAccepted();
        asAdmin().post().uri("/api/customers/" + id + "/opt-out").exchange().expectStatus().isOk();

        clock.set(EIGHT_AM.plusMinutes(1).toInstant());
        sweep();

        assertThat(phone(CONSENTING)).isEmpty();
        JsonNode message = onlyMessageOf(id);
        assertThat(message.get("status").asString()).isEqualTo("FAILED");
        assertThat(message.get("errorCode").asString()).isEqualTo("OPTED_OUT");
    }

    @Test
    void aTransactionalMessageAt22GoesAtOnce() {
        String id = ApiFixture.customerIdByPhone(asAdmin(), CONSENTING);

        send(id, "greeting-thanks").expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("DELIVERED");

        assertThat(phone(CONSENTING)).hasSize(1);
    }

    @Test
    void aStaffMessageCountsAgainstTheProvidersFlowLimitForItsTemplateAndNumber() {
        String id = ApiFixture.customerIdByPhone(asAdmin(), CONSENTING);
        send(id, "greeting-thanks").expectStatus().isAccepted();
        send(id, "greeting-thanks").expectStatus().isAccepted();

        send(id, "greeting-thanks").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.decision").isEqualTo("PROVIDER_LIMIT")
                .jsonPath("$.rule").isEqualTo("provider-simulator-24h");
        // another template to the same number is a separate count
        send(id, "handoff-notice").expectStatus().isAccepted();
        assertThat(phone(CONSENTING)).hasSize(3);
    }

    @Test
    void staffMessagesKeepToTheProvidersThroughput() {
        JsonNode page = asAdmin().get().uri("/api/customers?size=10").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(customer -> ids.add(customer.get("id").asString()));
        long started = System.nanoTime();

        for (String id : ids.subList(0, 10)) {
            send(id, "greeting-thanks").expectStatus().isAccepted();
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("ten messages at five a second").isGreaterThan(Duration.ofMillis(1_500));
    }

    // --- fixtures

    private WebTestClient.ResponseSpec send(String customerId, String templateId) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", templateId);
        body.put("variables", templateId.equals("visit-invitation") ? INVITATION : Map.of());
        return asAdmin().post().uri("/api/customers/" + customerId + "/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /**
     * At start-up marketing is paused (503) until the counters are rebuilt from the contact log; meanwhile
     * transactional messages go uncounted, so provider limits would not show. Probes with a daytime marketing
     * call to a customer the tests do not use (quiet hours would answer before the counters are asked).
     */
    private void awaitCountersRebuilt() {
        clock.set(EIGHT_AM.plusHours(26).toInstant());
        String bystander = ApiFixture.customerIdByPhone(asAdmin(), "+8613532221271");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asAdmin().post().uri("/api/customers/" + bystander + "/contacts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\":\"PHONE\",\"category\":\"MARKETING\"}")
                .exchange().expectBody().returnResult().getStatus().value() == 503) {
            assertThat(System.nanoTime()).as("contact counters rebuilt within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void sweep() {
        sweeps.sweep().block(Duration.ofSeconds(30));
    }

    private List<String> phone(String e164) {
        JsonNode messages = asAdmin().get().uri("/api/simulator/phones/" + e164 + "/messages").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> texts = new ArrayList<>();
        messages.forEach(message -> texts.add(message.get("text").asString()));
        return texts;
    }

    private JsonNode messagesOf(String customerId) {
        return asAdmin().get().uri("/api/customers/" + customerId + "/messages").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode onlyMessageOf(String customerId) {
        JsonNode thread = messagesOf(customerId);
        assertThat(thread.get("total").asInt()).isEqualTo(1);
        return thread.get("items").get(0);
    }

    private List<String> decisionsOldestFirst(String customerId) {
        JsonNode log = asAdmin().get().uri("/api/customers/" + customerId + "/contacts").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> decisions = new ArrayList<>();
        log.get("items").forEach(entry -> decisions.add(0, entry.get("decision").asString()));
        return decisions;
    }

    private WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    /** The shipped configuration, with a flow limit on the simulated gateway as a domestic provider has. */
    private static Path configWithSimulatorLimit() {
        try {
            Path copy = Files.createTempDirectory("baifang-config");
            Path shipped = Path.of("config");
            try (Stream<Path> files = Files.walk(shipped)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(shipped.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path policy = copy.resolve("contact-policy.yml");
            String withLimit = Files.readString(policy).replace("provider-limits:\n",
                    "provider-limits:\n  - id: provider-simulator-24h\n    provider: simulator\n    max: 2\n"
                            + "    window: PT24H\n");
            Files.writeString(policy, withLimit);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
