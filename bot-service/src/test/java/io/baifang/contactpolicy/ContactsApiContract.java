package io.baifang.contactpolicy;

import io.baifang.shared.ApiFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact policy as staff and other modules meet it: the contact log, {@code POST/GET
 * /api/customers/{id}/contacts}, {@code GET /api/contact-policy}, and counters rebuilt from the log. Run on
 * the embedded default (H2, JVM counters) and in production mode (PostgreSQL, Redis counters). Quiet hours
 * are off: these tests run at any hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + ContactsApiContract.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=false",
        // only the start-up check: the tests decide when counters are lost and rebuilt
        "baifang.contact-policy.recovery-check-interval=PT1H"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
abstract class ContactsApiContract {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** JLP002, consent 是 */
    static final String CONSENTING = "+8613065517455";
    /** JLP002, consent 是 */
    static final String ANOTHER_CONSENTING = "+8613532221271";
    /** JLP001, consent 否 */
    static final String WITHOUT_CONSENT = "+8613240823244";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ContactGate gate;

    @Autowired
    CounterRecoverySchedule recovery;

    @Autowired
    CounterRecovery counterRecovery;

    @Autowired
    ContactLog contactLog;

    @Autowired
    ContactCounters counters;

    /** Loses every counter, as a restart of the JVM store or of an empty Redis does. */
    abstract void loseTheCounters();

    @BeforeEach
    void startFromAnEmptyRegistryWithRebuiltCounters() {
        for (String table : List.of("contact_log", "customer_provenance", "lead_import_rejections", "lead_imports",
                "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
        awaitRecovered();
        importTheSampleSheet();
    }

    @Test
    void aStaffPhoneCallAfterAnotherMarketingContactTheSameDayIsRefusedAndNothingIsCounted() {
        String id = customerIdByPhone(CONSENTING);
        JsonNode sms = record(id, "SMS", "MARKETING").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(sms.get("decision").asString()).isEqualTo("ALLOWED");

        record(id, "PHONE", "MARKETING")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.decision").isEqualTo("FREQUENCY_CAP")
                .jsonPath("$.rule").isEqualTo("marketing-1d")
                .jsonPath("$.nextAllowedAt").isNotEmpty();

        // once the SMS is released (the provider rejected it) the call fits: the refusal counted nothing
        gate.release(UUID.fromString(sms.get("id").asString())).block();
        record(id, "PHONE", "MARKETING").expectStatus().isCreated()
                .expectBody().jsonPath("$.decision").isEqualTo("ALLOWED");
    }

    @Test
    void anOptedOutCustomerGetsNoMarketing() {
        String id = customerIdByPhone(CONSENTING);
        asAdmin().post().uri("/api/customers/" + id + "/opt-out").exchange().expectStatus().isOk();

        record(id, "PHONE", "MARKETING")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.decision").isEqualTo("OPTED_OUT")
                .jsonPath("$.rule").isEqualTo("opt-out");

        asAdmin().post().uri("/api/customers/" + id + "/opt-in").exchange().expectStatus().isOk();
        record(id, "PHONE", "MARKETING").expectStatus().isCreated();
    }

    @Test
    void aCustomerWithoutConsentGetsNoMarketing() {
        String id = customerIdByPhone(WITHOUT_CONSENT);

        record(id, "VISIT", "MARKETING")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.decision").isEqualTo("NO_CONSENT")
                .jsonPath("$.rule").isEqualTo("consent");
    }

    @Test
    void aTransactionalContactIsAllowedWhateverTheCaps() {
        String id = customerIdByPhone(CONSENTING);
        record(id, "SMS", "MARKETING").expectStatus().isCreated();
        record(id, "PHONE", "MARKETING").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        for (int call = 0; call < 3; call++) {
            record(id, "PHONE", "TRANSACTIONAL").expectStatus().isCreated()
                    .expectBody().jsonPath("$.decision").isEqualTo("ALLOWED");
        }
    }

    @Test
    void theLogListsAllowedAndRefusedContactsNewestFirstWithTheirRule() {
        String id = customerIdByPhone(CONSENTING);
        record(id, "SMS", "MARKETING", "{\"campaignId\":\"spring-deposit\",\"note\":\"first\"}").expectStatus().isCreated();
        record(id, "PHONE", "MARKETING", "{\"note\":\"second\"}").expectStatus().isEqualTo(HttpStatus.CONFLICT);
        record(id, "VISIT", "TRANSACTIONAL", "{\"note\":\"third\"}").expectStatus().isCreated();

        JsonNode log = asAdmin().get().uri("/api/customers/" + id + "/contacts").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(log.get("total").asInt()).isEqualTo(3);
        assertThat(log.get("page").asInt()).isZero();
        List<String> lines = new ArrayList<>();
        log.get("items").forEach(line -> lines.add(String.join("|", line.get("note").asString(),
                line.get("channel").asString(), line.get("category").asString(), line.get("decision").asString(),
                line.get("rule").isNull() ? "-" : line.get("rule").asString(),
                line.get("campaignId").isNull() ? "-" : line.get("campaignId").asString(),
                line.get("recordedBy").asString())));
        assertThat(lines).containsExactly(
                "third|VISIT|TRANSACTIONAL|ALLOWED|-|-|admin",
                "second|PHONE|MARKETING|FREQUENCY_CAP|marketing-1d|-|admin",
                "first|SMS|MARKETING|ALLOWED|-|spring-deposit|admin");
        log.get("items").forEach(line -> assertThat(line.get("recordedAt").asString()).isNotBlank());
    }

    @Test
    void aStaffMemberOfOneBranchGets404ForAnotherBranchsCustomer() {
        createUser("li.na", "STAFF", "JLP001");
        String ofJlp002 = customerIdByPhone(CONSENTING);
        String ofJlp001 = customerIdByPhone(WITHOUT_CONSENT);

        as("li.na").post().uri("/api/customers/" + ofJlp002 + "/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\":\"PHONE\",\"category\":\"MARKETING\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as("li.na").get().uri("/api/customers/" + ofJlp002 + "/contacts").exchange().expectStatus().isNotFound();
        as("li.na").get().uri("/api/customers/" + ofJlp001 + "/contacts").exchange().expectStatus().isOk();
        assertThat(count("select count(*) as n from contact_log")).isZero();
    }

    @Test
    void anUnknownCustomerIs404AndABadChannelOrCategoryIs400NamingTheField() {
        String id = customerIdByPhone(CONSENTING);

        record(UUID.randomUUID().toString(), "PHONE", "MARKETING").expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        record(id, "PIGEON", "MARKETING").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("channel"));
        record(id, "PHONE", "GOSSIP").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("category"));
        asAdmin().post().uri("/api/customers/" + id + "/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"category\":\"MARKETING\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("channel"));
        assertThat(count("select count(*) as n from contact_log")).isZero();
    }

    @Test
    void thePolicyEndpointShowsTheRulesInForce() {
        asAdmin().get().uri("/api/contact-policy").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.caps[0].id").isEqualTo("marketing-1d")
                .jsonPath("$.caps[0].max").isEqualTo(1)
                .jsonPath("$.caps[0].window").isEqualTo("P1D")
                .jsonPath("$.caps[1].id").isEqualTo("marketing-7d")
                .jsonPath("$.channelWeights.PHONE").isEqualTo(1)
                .jsonPath("$.quietHours.enabled").isEqualTo(false)
                .jsonPath("$.quietHours.start").isEqualTo("21:00")
                .jsonPath("$.providerLimits[0].max").isEqualTo(50)
                .jsonPath("$.campaignWave.max").isEqualTo(1);
    }

    @Test
    void afterTheCountersAreLostMarketingPausesUntilTheyAreRebuiltFromTheLogAndTheCapStillHolds() {
        String id = customerIdByPhone(CONSENTING);
        record(id, "SMS", "MARKETING").expectStatus().isCreated();

        loseTheCounters();

        record(id, "PHONE", "MARKETING")
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.decision").isEqualTo("PAUSED");
        record(id, "PHONE", "TRANSACTIONAL").expectStatus().isCreated();
        CounterRecovery.Recovery rebuilt = recovery.recoverIfNeeded().block(Duration.ofSeconds(30));
        awaitRecovered();

        assertThat(rebuilt == null || rebuilt.performed()).isTrue();
        record(id, "PHONE", "MARKETING")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.decision").isEqualTo("FREQUENCY_CAP")
                .jsonPath("$.rule").isEqualTo("marketing-1d");
        String other = customerIdByPhone(ANOTHER_CONSENTING);
        record(other, "PHONE", "MARKETING").expectStatus().isCreated();
    }

    @Test
    void recoveryStreamsTheLogInTheDatabasesCustomerOrderAndRebuildsEveryCustomer() {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        List<ContactLogEntry> lines = new ArrayList<>();
        // more rows than one fetch of the recovery query (1,000), so PostgreSQL pages through them
        for (int i = 0; i < 1_200; i++) {
            ContactAttempt attempt = ContactAttempt.marketing(UUID.randomUUID(), Channel.SMS);
            lines.add(ContactLogEntry.of(UUID.randomUUID(), attempt, ContactDecision.Allowed.uncounted(), null,
                    ContactLogEntry.SYSTEM, anHourAgo));
            lines.add(ContactLogEntry.of(UUID.randomUUID(), attempt, ContactDecision.Allowed.uncounted(), null,
                    ContactLogEntry.SYSTEM, anHourAgo.minus(Duration.ofDays(3))));
        }
        contactLog.recordAll(lines).block();

        loseTheCounters();
        CounterRecovery.Recovery rebuilt = counterRecovery.recover(contactLog::allowedSince).block(Duration.ofSeconds(30));

        // a database that ordered customers differently from the recovery's check would fail the rebuild
        assertThat(rebuilt.customers()).isEqualTo(1_200);
        assertThat(rebuilt.contacts()).isEqualTo(2_400);
        UUID oneOfThem = lines.get(0).customerId();
        assertThat(counters.check(ContactAttempt.marketing(oneOfThem, Channel.PHONE), Instant.now()).block())
                .isInstanceOf(ContactDecision.Refused.class);
    }

    @Test
    void aBatchIsDecidedAndLoggedInOrderInOneGo() {
        UUID first = UUID.fromString(customerIdByPhone(CONSENTING));
        UUID second = UUID.fromString(customerIdByPhone(ANOTHER_CONSENTING));
        UUID refused = UUID.fromString(customerIdByPhone(WITHOUT_CONSENT));
        List<ContactRequest> batch = List.of(
                ContactRequest.bySystem(ContactAttempt.marketing(first, Channel.SMS).inCampaign("c1", 1, 5)
                        .withTemplate("deposit-invite").via("aliyun", "【百访银行】")),
                ContactRequest.bySystem(ContactAttempt.marketing(second, Channel.SMS).inCampaign("c1", 1, 5)),
                ContactRequest.bySystem(ContactAttempt.marketing(refused, Channel.SMS).inCampaign("c1", 1, 5)),
                ContactRequest.bySystem(ContactAttempt.marketing(first, Channel.SMS).inCampaign("c1", 1, 5)));

        List<ContactOutcome> outcomes = gate.requestAll(batch).collectList().block();

        assertThat(outcomes).extracting(ContactOutcome::decisionName)
                .containsExactly("ALLOWED", "ALLOWED", "NO_CONSENT", "CAMPAIGN_WAVE_CAP");
        assertThat(count("select count(*) as n from contact_log where recorded_by = 'system'")).isEqualTo(4);
        assertThat(gate.logOf(first, 0, 10).block().items())
                .extracting(ContactLogEntry::decision, ContactLogEntry::templateId, ContactLogEntry::provider)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ALLOWED", "deposit-invite", "aliyun"),
                        org.assertj.core.groups.Tuple.tuple("CAMPAIGN_WAVE_CAP", null, null));

        gate.release(outcomes.get(0)).block();
        gate.release(outcomes.get(0)).block();
        assertThat(gate.logOf(first, 0, 10).block().items()).filteredOn(ContactLogEntry::allowed)
                .singleElement().satisfies(entry -> assertThat(entry.released()).isTrue());
    }

    @Test
    void aHoldIsLoggedWithItsPlanAndItsLineSaysWhenTheWaveIsCancelled() {
        UUID id = UUID.fromString(customerIdByPhone(CONSENTING));
        Instant plannedAt = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        ContactDecision hold = gate.holdAhead(campaignSms(id, "pension-day", 2, 9), plannedAt).block();

        JsonNode line = holdLineOf(id);
        assertThat(line.get("campaignId").asString()).isEqualTo("pension-day");
        assertThat(OffsetDateTime.parse(line.get("plannedAt").asString()).toInstant()).isEqualTo(plannedAt);
        assertThat(line.get("released").asBoolean()).isFalse();
        assertThat(line.get("recordedBy").asString()).isEqualTo("system");
        // the existing fields stay as they were
        assertThat(line.has("id") && line.has("customerId") && line.has("channel") && line.has("category")
                && line.has("templateId") && line.has("rule") && line.has("nextAllowedAt") && line.has("note")
                && line.has("recordedAt") && line.has("releasedAt")).isTrue();
        // the hold stands: a staff call now would put two contacts within a day
        record(id.toString(), "PHONE", "MARKETING").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        gate.releaseHold(hold).block();
        gate.releaseHold(hold).block();

        JsonNode released = holdLineOf(id);
        assertThat(released.get("released").asBoolean()).isTrue();
        assertThat(released.get("releaseReason").asString()).isEqualTo("CANCELLED");
        record(id.toString(), "PHONE", "MARKETING").expectStatus().isCreated();
    }

    @Test
    void aWavesHoldsArePlacedAndLoggedTogetherOnceAndReleasedTogetherWhenTheWaveIsCancelled() {
        UUID consenting = UUID.fromString(customerIdByPhone(CONSENTING));
        UUID another = UUID.fromString(customerIdByPhone(ANOTHER_CONSENTING));
        UUID withoutConsent = UUID.fromString(customerIdByPhone(WITHOUT_CONSENT));
        Instant plannedAt = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<ContactAttempt> wave = List.of(campaignSms(consenting, "pension-day", 1, 9),
                campaignSms(another, "pension-day", 1, 9), campaignSms(withoutConsent, "pension-day", 1, 9));

        assertThat(gate.holdAheadAll(wave, plannedAt).collectList().block()).extracting(ContactLogEntry::nameOf)
                .containsExactly("ALLOWED", "ALLOWED", "NO_CONSENT");
        // placed again (after a stop), nothing changes: the wave holds each customer once
        assertThat(gate.holdAheadAll(wave, plannedAt).collectList().block()).extracting(ContactLogEntry::nameOf)
                .containsExactly("CAMPAIGN_WAVE_CAP", "CAMPAIGN_WAVE_CAP", "NO_CONSENT");
        assertThat(count("select count(*) as n from contact_log where decision = 'HELD' and released_at is null"))
                .isEqualTo(2);
        assertThat(OffsetDateTime.parse(holdLineOf(another).get("plannedAt").asString()).toInstant()).isEqualTo(plannedAt);
        record(consenting.toString(), "PHONE", "MARKETING").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        assertThat(gate.releaseHolds("pension-day", 1, plannedAt).block()).isEqualTo(2);
        assertThat(gate.releaseHolds("pension-day", 1, plannedAt).block()).isZero();

        assertThat(holdLineOf(consenting).get("releaseReason").asString()).isEqualTo("CANCELLED");
        assertThat(holdLineOf(another).get("releaseReason").asString()).isEqualTo("CANCELLED");
        record(consenting.toString(), "PHONE", "MARKETING").expectStatus().isCreated();
        record(another.toString(), "PHONE", "MARKETING").expectStatus().isCreated();
    }

    @Test
    void theLogSaysWhichHoldWasDisplacedAndWhichWasUsedBySend() {
        UUID id = UUID.fromString(customerIdByPhone(CONSENTING));
        Instant plannedAt = Instant.now().plus(Duration.ofMinutes(30));
        gate.holdAhead(campaignSms(id, "card-offer", 1, 1), plannedAt).block();
        assertThat(gate.holdAhead(campaignSms(id, "pension-day", 1, 9), plannedAt.plusSeconds(60)).block())
                .isInstanceOf(ContactDecision.Allowed.class);

        List<ContactOutcome> sent = gate.requestAll(List.of(ContactRequest.bySystem(campaignSms(id, "pension-day", 1, 9))))
                .collectList().block();

        assertThat(sent).singleElement().satisfies(outcome -> assertThat(outcome.decisionName()).isEqualTo("ALLOWED"));
        List<String> lines = new ArrayList<>();
        contactsOf(id).get("items").forEach(line -> lines.add(String.join("|", line.get("decision").asString(),
                line.get("campaignId").asString(),
                line.get("releaseReason").isNull() ? "-" : line.get("releaseReason").asString())));
        assertThat(lines).containsExactlyInAnyOrder(
                "HELD|card-offer|DISPLACED",
                "HELD|pension-day|USED",
                "ALLOWED|pension-day|-");
    }

    @Test
    void aHoldUnusedPastItsGraceIsMarkedLapsed() {
        UUID id = UUID.fromString(customerIdByPhone(CONSENTING));
        gate.holdAhead(campaignSms(id, "pension-day", 1, 9), Instant.now().minus(Duration.ofHours(3))).block();
        gate.holdAhead(campaignSms(id, "fund-fair", 1, 9), Instant.now().plus(Duration.ofDays(3))).block();

        recovery.markLapsedHolds().block();

        List<String> lines = new ArrayList<>();
        contactsOf(id).get("items").forEach(line -> lines.add(line.get("campaignId").asString() + "|"
                + (line.get("releaseReason").isNull() ? "-" : line.get("releaseReason").asString())));
        assertThat(lines).containsExactlyInAnyOrder("pension-day|LAPSED", "fund-fair|-");
    }

    @Test
    void afterTheCountersAreLostTheHoldsThatStillStandAreRebuiltFromTheLog() {
        UUID held = UUID.fromString(customerIdByPhone(CONSENTING));
        UUID cancelled = UUID.fromString(customerIdByPhone(ANOTHER_CONSENTING));
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        gate.holdAhead(campaignSms(held, "pension-day", 1, 9), inAnHour).block();
        gate.releaseHold(gate.holdAhead(campaignSms(cancelled, "pension-day", 1, 9), inAnHour).block()).block();

        loseTheCounters();
        CounterRecovery.Recovery rebuilt = counterRecovery.recover(contactLog::allowedSince).block(Duration.ofSeconds(30));

        assertThat(rebuilt.contacts()).isEqualTo(1);
        record(held.toString(), "PHONE", "MARKETING").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.rule").isEqualTo("marketing-1d");
        record(cancelled.toString(), "PHONE", "MARKETING").expectStatus().isCreated();
        // the wave's own send still uses its rebuilt hold
        assertThat(gate.requestAll(List.of(ContactRequest.bySystem(campaignSms(held, "pension-day", 1, 9))))
                .blockFirst().decisionName()).isEqualTo("ALLOWED");
    }

    @Test
    void aPreviewAppliesTheRegistryAndCountsAndLogsNothing() {
        UUID consenting = UUID.fromString(customerIdByPhone(CONSENTING));
        UUID another = UUID.fromString(customerIdByPhone(ANOTHER_CONSENTING));
        UUID withoutConsent = UUID.fromString(customerIdByPhone(WITHOUT_CONSENT));
        asAdmin().post().uri("/api/customers/" + another + "/opt-out").exchange().expectStatus().isOk();

        List<ContactDecision> preview = gate.preview(List.of(
                campaignSms(consenting, "spring-deposit", 1, 5),
                ContactAttempt.marketing(consenting, Channel.PHONE),
                // the caller claims consent and misses the opt-out: the registry knows better
                ContactAttempt.marketing(withoutConsent, Channel.SMS),
                ContactAttempt.marketing(another, Channel.SMS),
                ContactAttempt.transactional(another, Channel.SMS),
                ContactAttempt.transactional(another, Channel.SMS).category(ContactCategory.OPT_OUT_CONFIRMATION)))
                .collectList().block();

        assertThat(preview).extracting(ContactLogEntry::nameOf).containsExactly(
                "ALLOWED", "FREQUENCY_CAP", "NO_CONSENT", "OPTED_OUT", "OPTED_OUT", "ALLOWED");
        assertThat(((ContactDecision.Refused) preview.get(1)).rule()).isEqualTo("marketing-1d");
        assertThat(((ContactDecision.Allowed) preview.get(0)).reservation()).isNull();
        assertThat(count("select count(*) as n from contact_log")).isZero();
        record(consenting.toString(), "PHONE", "MARKETING").expectStatus().isCreated();
        assertThat(gate.preview(List.of(ContactAttempt.marketing(consenting, Channel.SMS))).blockFirst())
                .isInstanceOf(ContactDecision.Refused.class);
    }

    @Test
    void anUnknownCustomerFailsAPreview() {
        gate.preview(List.of(ContactAttempt.marketing(UUID.randomUUID(), Channel.SMS)))
                .as(reactor.test.StepVerifier::create)
                .expectError(ContactGate.UnknownCustomerException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void whileTheCountersAreRebuiltAPreviewSaysPausedAndLogsNothing() {
        UUID consenting = UUID.fromString(customerIdByPhone(CONSENTING));
        loseTheCounters();

        assertThat(gate.preview(List.of(ContactAttempt.marketing(consenting, Channel.SMS))).collectList().block())
                .singleElement().isInstanceOf(ContactDecision.Paused.class);
        assertThat(count("select count(*) as n from contact_log")).isZero();
    }

    // --- fixtures

    private static ContactAttempt campaignSms(UUID customer, String campaign, int wave, int priority) {
        return ContactAttempt.marketing(customer, Channel.SMS).inCampaign(campaign, wave, priority);
    }

    private JsonNode holdLineOf(UUID customer) {
        List<JsonNode> holds = new ArrayList<>();
        contactsOf(customer).get("items").forEach(line -> {
            if ("HELD".equals(line.get("decision").asString())) {
                holds.add(line);
            }
        });
        assertThat(holds).hasSize(1);
        return holds.get(0);
    }

    private JsonNode contactsOf(UUID customer) {
        return asAdmin().get().uri("/api/customers/" + customer + "/contacts").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec record(String customerId, String channel, String category) {
        return record(customerId, channel, category, "{}");
    }

    /** {@code more} is a JSON object whose members are added to channel and category. */
    private WebTestClient.ResponseSpec record(String customerId, String channel, String category, String more) {
        String extra = more.substring(1, more.length() - 1).strip();
        String body = "{\"channel\":\"" + channel + "\",\"category\":\"" + category + "\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
        return asAdmin().post().uri("/api/customers/" + customerId + "/contacts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private void awaitRecovered() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Boolean.TRUE.equals(counterRecovery.isNeeded().block())) {
            assertThat(System.nanoTime()).as("counters rebuilt within 30 s").isLessThan(deadline);
            recovery.recoverIfNeeded().block(Duration.ofSeconds(30));
        }
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    private void importTheSampleSheet() {
        ApiFixture.importSampleSheet(asAdmin());
    }

    private WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    private WebTestClient as(String username) {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, username + "-password")).build();
    }

    private void createUser(String username, String role, String branch) {
        ApiFixture.createUser(asAdmin(), username, role, branch);
    }

    private String customerIdByPhone(String phone) {
        return ApiFixture.customerIdByPhone(asAdmin(), phone);
    }
}
