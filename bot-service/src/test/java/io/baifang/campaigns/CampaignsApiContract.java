package io.baifang.campaigns;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.baifang.channels.CampaignMessaging;
import io.baifang.channels.ChannelKind;
import io.baifang.channels.InboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.contactpolicy.Channel;
import io.baifang.contactpolicy.ContactAttempt;
import io.baifang.contactpolicy.ContactCategory;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.contactpolicy.ContactOutcome;
import io.baifang.contactpolicy.ContactRequest;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.ApiFixture;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static io.baifang.campaigns.CampaignFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns through the running application, on the embedded default (H2, JVM counters) and in production
 * mode (PostgreSQL, Redis counters): the API (validation, branch scoping, lifecycle), the dispatcher (pace,
 * pause, resume, cancel, delivery reports, progress events) and its claims (at most once, reconciliation of
 * an abandoned claim). SMS goes through {@link CampaignTestChannel}, which keeps every message handed to it.
 * Quiet hours are off: these tests run at any hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + CampaignsApiContract.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=false",
        "baifang.channels.sms-provider=" + CampaignTestChannel.PROVIDER,
        "baifang.campaigns.tick=PT0.05S"})
@AutoConfigureWebTestClient
@Import({TestDatabase.class, CampaignsApiContract.TestChannel.class})
abstract class CampaignsApiContract {

    static final String ADMIN_PASSWORD = "admin-test-password";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    CampaignTestChannel channel;

    @Autowired
    CampaignStore store;

    @Autowired
    CampaignDispatcher dispatcher;

    @Autowired
    CampaignMessaging messaging;

    @Autowired
    CustomerDirectory customers;

    @Autowired
    AudienceQueries audienceQueries;

    @Autowired
    ProviderEvents providerEvents;

    @Autowired
    ContactGate gate;

    @Autowired
    CampaignHolds campaignHolds;

    CampaignFixture campaigns;

    @BeforeEach
    void startFromAnEmptyRegistry() {
        for (String table : List.of("bookings", "campaign_holds", "campaign_recipients", "campaign_branches",
                "campaigns", "message_status_history", "messages", "contact_log", "customer_provenance",
                "lead_import_rejections", "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
        channel.reset();
        campaigns = new CampaignFixture(asAdmin());
        ApiFixture.importSampleSheet(asAdmin());
        awaitTheContactPolicy();
    }

    /**
     * Right after start-up the counters are rebuilt from the contact log and the policy answers 503 (paused) until
     * then, whichever test runs first: wait for an estimate to be answered, and leave no campaign behind.
     */
    private void awaitTheContactPolicy() {
        String probe = campaigns.create(invitation(1000));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asAdmin().post().uri("/api/campaigns/{id}/estimate", probe).exchange().returnResult(String.class)
                .getStatus().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            assertThat(System.nanoTime()).as("the contact policy answers within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        db.sql("delete from campaign_branches").then().block();
        db.sql("delete from campaigns").then().block();
    }

    // --- the API

    @Test
    void aDraftIsCreatedWithEveryCountAtZeroAndReadBack() {
        String id = campaigns.create(invitation(1000));

        JsonNode draft = campaigns.get(id);

        assertThat(draft.get("name").asString()).isEqualTo("到店有礼 邀约");
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("variants")).hasSize(2);
        assertThat(draft.get("channels").get(0).asString()).isEqualTo("SMS");
        assertThat(draft.get("priority").asInt()).isEqualTo(5);
        for (String state : List.of("PENDING", "SENT", "DELIVERED", "FAILED", "SUPPRESSED", "DEFERRED")) {
            assertThat(count(draft, state)).as(state).isZero();
        }
        JsonNode page = asAdmin().get().uri("/api/campaigns").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void aRequestWithMistakesIsA400ThatNamesEveryField() {
        JsonNode problem = asAdmin().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "坏的", "kind", "PROMOTION", "templateId", "visit-invitation",
                        "offeredDate", "2020-01-01",
                        "audience", Map.of("branches", List.of("JLP999"), "phones", List.of("023-68881234"))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(fieldsOf(problem)).containsExactlyInAnyOrder("variables.activity", "offeredDate",
                "audience.branches", "audience.phones[0]");
        assertThat(problem.get("detail").asString()).contains("variables.activity: the template needs {{activity}}");

        asAdmin().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "确认", "kind", "PROMOTION", "templateId", "booking-confirmation"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("templateId")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("transactional"));
        JsonNode beanValidation = asAdmin().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "PROMOTION", "templateId", "holiday-greeting", "ratePerSecond", 0))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(fieldsOf(beanValidation)).containsExactlyInAnyOrder("name", "ratePerSecond");
    }

    @Test
    void aMoveTheLifecycleDoesNotAllowIsA409ThatSaysWhy() {
        String id = campaigns.create(invitation(1000));

        asAdmin().post().uri("/api/campaigns/{id}/pause", id).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail")
                .isEqualTo("only a running campaign can be paused; the campaign is draft");
        campaigns.command(id, "cancel");
        asAdmin().post().uri("/api/campaigns/{id}/start", id).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("the campaign is cancelled; it cannot be started any more");
        asAdmin().get().uri("/api/campaigns/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void staffCampaignsAreForTheirBranchesAndInvisibleToOtherBranches() {
        ApiFixture.createUser(asAdmin(), "staff1", "STAFF", "JLP001");
        ApiFixture.createUser(asAdmin(), "staff2", "STAFF", "JLP002");
        CampaignFixture staff1 = new CampaignFixture(as("staff1"));

        String id = staff1.create(Map.of("name", "白市驿拜年", "kind", "HOLIDAY_GREETING",
                "templateId", "holiday-greeting"));

        assertThat(staff1.get(id).get("audience").get("branches")).singleElement()
                .satisfies(branch -> assertThat(branch.asString()).isEqualTo("JLP001"));
        as("staff2").get().uri("/api/campaigns/{id}", id).exchange().expectStatus().isNotFound();
        as("staff2").post().uri("/api/campaigns/{id}/start", id).exchange().expectStatus().isNotFound();
        as("staff2").get().uri("/api/campaigns").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        as("staff1").post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "越界", "kind", "HOLIDAY_GREETING", "templateId", "holiday-greeting",
                        "audience", Map.of("branches", List.of("JLP002"))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("audience.branches");
        web.get().uri("/api/campaigns/{id}", id).exchange().expectStatus().isUnauthorized();
    }

    // --- the dispatcher

    @Test
    void aCampaignSendsOneMessageToEachRecipientAndDeliveryReportsMoveThemToDelivered() {
        String id = campaigns.create(invitation(1000));
        campaigns.command(id, "start");
        JsonNode done = campaigns.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));

        long recipients = done.get("recipients").asLong();
        long sent = count(done, "SENT");
        assertThat(sent).isGreaterThan(20);
        assertThat(channel.sent()).hasSize((int) sent);
        assertThat(channel.sent().stream().map(message -> message.to()).distinct().count()).isEqualTo(sent);
        assertThat(sent + count(done, "SUPPRESSED")).isEqualTo(recipients);
        assertThat(channel.sent()).allSatisfy(message -> assertThat(message.messageId()).isEqualTo(
                RecipientAssignment.messageIdOf(UUID.fromString(id), 1, customerIdOfMessage(message.messageId()))));

        channel.deliverAll().block();

        JsonNode delivered = awaitCount(id, "DELIVERED", sent);
        assertThat(count(delivered, "SENT")).isZero();
        assertThat(countsShown(delivered)).as("the counts shown are the recipients' states")
                .isEqualTo(statesOfTheRecipients(id));

        // a campaign message's history reads like any other's, though its QUEUED step is kept in its row alone
        UUID customer = customerIdOfMessage(channel.sent().get(0).messageId());
        JsonNode thread = asAdmin().get().uri("/api/customers/" + customer + "/messages").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ApiFixture.statusesOf(thread.get("items").get(0))).containsExactly("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void pauseStopsSendingWithinASecondAndResumeSendsTheRest() {
        String id = campaigns.create(invitation(10));
        campaigns.command(id, "start");
        awaitSentAtLeast(5);

        campaigns.command(id, "pause");
        CampaignFixture.pause(Duration.ofSeconds(1));
        int atPause = channel.sent().size();
        CampaignFixture.pause(Duration.ofMillis(1500));

        assertThat(channel.sent()).as("nothing more is sent once the pause took effect").hasSize(atPause);
        assertThat(campaigns.get(id).get("status").asString()).isEqualTo("PAUSED");
        assertThat(count(campaigns.get(id), "PENDING")).isPositive();

        campaigns.command(id, "resume");
        JsonNode done = campaigns.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        assertThat(count(done, "PENDING")).isZero();
        assertThat((long) channel.sent().size()).isEqualTo(count(done, "SENT"));
    }

    @Test
    void cancelStopsSendingWithinASecondAndLeavesTheRestUnsent() {
        String id = campaigns.create(invitation(10));
        campaigns.command(id, "start");
        awaitSentAtLeast(5);

        JsonNode cancelled = campaigns.command(id, "cancel");
        CampaignFixture.pause(Duration.ofSeconds(1));
        int atCancel = channel.sent().size();
        CampaignFixture.pause(Duration.ofMillis(1500));

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("finishedAt").asString()).isNotBlank();
        assertThat(channel.sent()).hasSize(atCancel);
        assertThat(count(campaigns.get(id), "PENDING")).isPositive();
    }

    @Test
    void outsideItsDailyWindowARunningCampaignSendsNothingAndKeepsItsRecipientsPending() {
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> laterToday = new java.util.HashMap<>(invitation(1000));
        laterToday.put("dailyWindow", Map.of("from", now.plusHours(2).withNano(0).toString(),
                "to", now.plusHours(3).withNano(0).toString()));
        String id = campaigns.create(laterToday);

        campaigns.command(id, "start");
        CampaignFixture.pause(Duration.ofSeconds(2));

        JsonNode campaign = campaigns.get(id);
        assertThat(campaign.get("status").asString()).isEqualTo("RUNNING");
        assertThat(campaign.get("dailyWindow").get("from").asString()).isNotBlank();
        assertThat(count(campaign, "PENDING")).isPositive();
        assertThat(channel.sent()).isEmpty();
        campaigns.command(id, "cancel");

        Map<String, Object> empty = new java.util.HashMap<>(invitation(1000));
        empty.put("dailyWindow", Map.of("from", "09:00", "to", "09:00"));
        JsonNode problem = asAdmin().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(empty).exchange()
                .expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(fieldsOf(problem)).containsExactly("dailyWindow.to");
    }

    @Test
    void anAudienceTakesTheCustomersWhoHoldABookingStillAheadOrThoseWhoDoNot() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long consenting = campaigns.estimate(campaigns.create(invitation(1000))).get("audience").asLong();
        List<String> booked = db.sql("select id from customers where consent = true order by phone limit 3")
                .map(row -> row.get("id", UUID.class).toString()).all().collectList().block();
        for (String customer : booked) {
            asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("customerId", customer, "date", today.plusDays(1).toString()))
                    .exchange().expectStatus().isCreated();
        }
        // one came already, and one booking's day passed without a visit: neither holds a booking still ahead
        String visited = asAdmin().get().uri("/api/bookings?date=" + today.plusDays(1)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get(0)
                .get("id").asString();
        asAdmin().post().uri("/api/bookings/" + visited + "/check-in").exchange().expectStatus().isOk();
        db.sql("update bookings set visit_date = :yesterday where customer_id = :id")
                .bind("yesterday", today.minusDays(1)).bind("id", UUID.fromString(booked.get(2))).then().block();

        String withBooking = campaigns.create(withAudience(Map.of("consent", true, "hasBooking", true)));
        String withoutBooking = campaigns.create(withAudience(Map.of("consent", true, "hasBooking", false)));

        JsonNode holders = campaigns.estimate(withBooking);
        assertThat(holders.get("audience").asLong()).isEqualTo(1);
        assertThat(campaigns.estimate(withoutBooking).get("audience").asLong()).isEqualTo(consenting - 1);
        assertThat(campaigns.get(withBooking).get("audience").get("hasBooking").asBoolean()).isTrue();
    }

    @Test
    void anAudienceLeavesOutCustomersContactedSinceADayAndTakesThoseWhoDidOrDidNotReplyToAnEarlierCampaign() {
        String everyone = campaigns.create(invitation(1000));
        long consenting = campaigns.estimate(everyone).get("audience").asLong();
        String called = db.sql("select id from customers where consent = true order by phone limit 1")
                .map(row -> row.get("id", UUID.class).toString()).one().block();
        asAdmin().post().uri("/api/customers/" + called + "/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\":\"PHONE\",\"category\":\"MARKETING\",\"note\":\"电访\"}")
                .exchange().expectStatus().isCreated();

        String lastContactedBeforeToday = campaigns.create(withAudience(Map.of("consent", true,
                "lastContactedBefore", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())));
        String lastContactedBeforeTomorrow = campaigns.create(withAudience(Map.of("consent", true,
                "lastContactedBefore", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString())));

        assertThat(campaigns.estimate(lastContactedBeforeToday).get("audience").asLong()).isEqualTo(consenting - 1);
        assertThat(campaigns.estimate(lastContactedBeforeTomorrow).get("audience").asLong()).isEqualTo(consenting);

        // an earlier campaign went out to everyone it had; two of them replied
        Campaign earlier = materialisedDraft();
        db.sql("update campaign_recipients set state = 'SENT', sent_at = :at where campaign_id = :id")
                .bind("at", Instant.now().atOffset(java.time.ZoneOffset.UTC)).bind("id", earlier.id()).then().block();
        db.sql("update campaign_recipients set replied_at = sent_at where campaign_id = :id and customer_id in "
                        + "(select customer_id from campaign_recipients where campaign_id = :id "
                        + "order by customer_id limit 2)")
                .bind("id", earlier.id()).then().block();
        long sentEarlier = db.sql("select count(*) as n from campaign_recipients where campaign_id = :id")
                .bind("id", earlier.id()).map(row -> ((Number) row.get("n")).longValue()).one().block();

        String repliers = campaigns.create(withAudience(Map.of("repliedTo", earlier.id().toString())));
        String silent = campaigns.create(withAudience(Map.of("notRepliedTo", earlier.id().toString())));

        assertThat(campaigns.estimate(repliers).get("audience").asLong()).isEqualTo(2);
        assertThat(campaigns.estimate(silent).get("audience").asLong()).isEqualTo(sentEarlier - 2);
        JsonNode unknown = asAdmin().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withAudience(Map.of("repliedTo", UUID.randomUUID().toString())))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(fieldsOf(unknown)).containsExactly("audience.repliedTo");
    }

    @Test
    void theRateIsKept() {
        String id = campaigns.create(invitation(20));
        Instant started = Instant.now();
        campaigns.command(id, "start");
        awaitSentAtLeast(40);

        Duration took = Duration.between(started, Instant.now());

        assertThat(took).as("40 messages at 20 a second take about two seconds").isGreaterThan(Duration.ofMillis(1500));
        campaigns.command(id, "cancel");
    }

    @Test
    void aScheduledCampaignWaitsForItsTimeThenRuns() {
        OffsetDateTime at = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(3)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> scheduled = new java.util.HashMap<>(invitation(1000));
        scheduled.put("schedule", Map.of("at", at.toString()));
        String id = campaigns.create(scheduled);

        JsonNode started = campaigns.command(id, "start");

        assertThat(started.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(OffsetDateTime.parse(started.get("startAt").asString()).toInstant()).isEqualTo(at.toInstant());
        assertThat(channel.sent()).isEmpty();
        campaigns.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        assertThat(channel.sent()).isNotEmpty();
    }

    @Test
    void progressStreamsTheCountsAsServerSentEventsUntilTheCampaignCompletes() {
        String id = campaigns.create(invitation(25));
        campaigns.command(id, "start");

        List<ServerSentEvent<JsonNode>> events = asAdmin().get().uri("/api/campaigns/{id}/progress", id)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
                })
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(events).hasSizeGreaterThan(1);
        assertThat(events).allSatisfy(event -> assertThat(event.event()).isEqualTo("progress"));
        JsonNode last = events.get(events.size() - 1).data();
        assertThat(last.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(last.get("counts").get("PENDING").asLong()).isZero();
        assertThat(events.get(0).data().get("counts").get("SENT").asLong())
                .isLessThan(last.get("counts").get("SENT").asLong());
    }

    @Test
    void aReplyIsAttributedToTheCampaignMessageItAnswersOnce() {
        String id = campaigns.create(invitation(1000));
        campaigns.command(id, "start");
        campaigns.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        String recipientPhone = channel.sent().get(0).to();
        String outsider = db.sql("select phone from customers where consent = false order by phone limit 1")
                .map(row -> row.get("phone", String.class)).one().block();

        reply(recipientPhone, "SIM-reply-1", "明天上午10点");
        reply(recipientPhone, "SIM-reply-2", "好的");
        reply(outsider, "SIM-reply-3", "什么活动");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (campaigns.get(id).get("replied").asLong() == 0) {
            assertThat(System.nanoTime()).as("the reply attributed within 10 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(50));
        }
        CampaignFixture.pause(Duration.ofMillis(500));
        assertThat(campaigns.get(id).get("replied").asLong()).isEqualTo(1);
        assertThat(db.sql("select count(*) as n from campaign_recipients r join messages m on m.id = r.reply_id "
                        + "where m.text = '明天上午10点'")
                .map(row -> ((Number) row.get("n")).longValue()).one().block()).isEqualTo(1);
    }

    @Test
    void aFollowUpWaveAndItsEstimateGoToTheRecipientsWhoDidNotReply() {
        Map<String, Object> withFollowUp = new java.util.HashMap<>(invitation(1000));
        withFollowUp.put("followUp", Map.of("afterDays", 2));
        String id = campaigns.create(withFollowUp);
        campaigns.command(id, "start");

        JsonNode firstWaveDone = campaigns.awaitStatus(id, "SCHEDULED", Duration.ofSeconds(60));
        long sentInTheFirstWave = firstWaveDone.get("earlierWaves").get(0).get("counts").get("SENT").asLong();
        assertThat(firstWaveDone.get("recipients").asLong()).as("the follow-up has no recipients yet").isZero();
        assertThat(firstWaveDone.get("wave").asInt()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(firstWaveDone.get("startAt").asString()).toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(2)).minusSeconds(60), Instant.now().plus(Duration.ofDays(2)));
        long firstWave = channel.sent().size();
        String replier = channel.sent().get(0).to();
        reply(replier, "SIM-follow-up-reply", "好的，明天去");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (campaigns.get(id).get("replied").asLong() == 0) {
            assertThat(System.nanoTime()).as("the reply attributed within 10 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(50));
        }

        channel.deliverAll().block();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (campaigns.get(id).get("earlierWaves").get(0).get("counts").get("DELIVERED").asLong() < firstWave) {
            assertThat(System.nanoTime()).as("the first wave delivered within 10 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(50));
        }

        // the estimate previews the follow-up's recipients, not the audience: the first wave's sent and
        // delivered who did not reply, all refused by the caps the same day
        JsonNode estimate = campaigns.estimate(id);
        assertThat(estimate.get("audience").asLong()).isEqualTo(firstWave - 1);
        assertThat(estimate.get("sendable").asLong()).isZero();
        assertThat(estimate.get("suppressed").get("FREQUENCY_CAP").asLong()).isEqualTo(firstWave - 1);

        // two days pass
        db.sql("update campaigns set start_at = :now where id = :id")
                .bind("now", OffsetDateTime.now()).bind("id", UUID.fromString(id)).then().block();
        JsonNode secondWave = campaigns.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));

        assertThat(secondWave.get("wave").asInt()).isEqualTo(2);
        assertThat(secondWave.get("recipients").asLong()).isEqualTo(firstWave - 1)
                .isEqualTo(estimate.get("audience").asLong());
        assertThat(db.sql("select count(*) as n from campaign_recipients r join customers c on c.id = r.customer_id "
                        + "where r.campaign_id = :id and r.wave = 2 and c.phone = :phone")
                .bind("id", UUID.fromString(id)).bind("phone", replier)
                .map(row -> ((Number) row.get("n")).longValue()).one().block()).isZero();
        // the same day the caps refuse the follow-up, and the contact log says so, wave by wave
        assertThat(secondWave.get("notSentByReason").get("FREQUENCY_CAP").asLong()).isEqualTo(firstWave - 1);
        assertThat(db.sql("select count(*) as n from contact_log where campaign_id = :id and campaign_wave = 2 "
                        + "and decision <> 'HELD'")
                .bind("id", id).map(row -> ((Number) row.get("n")).longValue()).one().block())
                .isEqualTo(firstWave - 1);
        assertThat((long) channel.sent().size()).isEqualTo(firstWave).isEqualTo(sentInTheFirstWave);
    }

    // --- holds ahead

    @Test
    void aHigherPriorityScheduledCampaignHoldsItsRecipientsLastSlotsSoALowerPriorityOneSentBeforeItIsRefused() {
        String pensionDay = campaigns.create(scheduledIn(Duration.ofSeconds(10), 9));
        campaigns.command(pensionDay, "start");
        long held = awaitHolds(pensionDay, "PLACED");
        assertThat(held).isGreaterThan(20);
        // its own holds do not stand in its way: its send will use them
        long sendable = campaigns.estimate(pensionDay).get("sendable").asLong();

        String cardOffer = campaigns.create(withPriority(invitation(1000), 1));
        assertThat(campaigns.estimate(cardOffer).get("sendable").asLong()).isZero();
        campaigns.command(cardOffer, "start");
        JsonNode refused = campaigns.awaitStatus(cardOffer, "COMPLETED", Duration.ofSeconds(60));

        assertThat(count(refused, "SENT")).isZero();
        assertThat(channel.sent()).isEmpty();
        JsonNode sent = campaigns.awaitStatus(pensionDay, "COMPLETED", Duration.ofSeconds(60));
        assertThat(count(sent, "SENT")).isPositive().isEqualTo((long) channel.sent().size()).isEqualTo(sendable)
                .isEqualTo(refused.get("notSentByReason").get("FREQUENCY_CAP").asLong());
        // each send used its own hold; the customers who could not be sent a message leave theirs unused,
        // released once the wave completed
        assertThat(holdLines(pensionDay, "USED")).isEqualTo(count(sent, "SENT"));
        awaitHolds(pensionDay, "RELEASED");
        assertThat(holdLines(pensionDay, null)).isZero();
    }

    @Test
    void cancellingAScheduledCampaignReleasesItsHoldsAndTheLowerPriorityCampaignSendsAgain() {
        String pensionDay = campaigns.create(scheduledIn(Duration.ofHours(3), 9));
        campaigns.command(pensionDay, "start");
        long held = awaitHolds(pensionDay, "PLACED");
        String cardOffer = campaigns.create(withPriority(invitation(1000), 1));
        JsonNode whileHeld = campaigns.estimate(cardOffer);
        assertThat(whileHeld.get("sendable").asLong()).isZero();
        assertThat(whileHeld.get("suppressed").get("FREQUENCY_CAP").asLong()).isPositive();
        // a placer that stopped midway (its lease ran out) is taken over, and placing again holds no one twice
        db.sql("update campaign_holds set state = 'PLACING', lease_until = :past where campaign_id = :id")
                .bind("past", OffsetDateTime.now().minusMinutes(5)).bind("id", UUID.fromString(pensionDay))
                .then().block();
        campaignHolds.check().block();
        assertThat(awaitHolds(pensionDay, "PLACED")).isEqualTo(held);
        assertThat(holdLines(pensionDay, null)).isEqualTo(held);

        campaigns.command(pensionDay, "cancel");

        assertThat(holdsOf(pensionDay)).isEqualTo("RELEASED");
        assertThat(holdLines(pensionDay, "CANCELLED")).isEqualTo(held);
        assertThat(holdLines(pensionDay, null)).isZero();
        assertThat(campaigns.estimate(cardOffer).get("sendable").asLong())
                .isEqualTo(whileHeld.get("suppressed").get("FREQUENCY_CAP").asLong());
        campaigns.command(cardOffer, "start");
        JsonNode sent = campaigns.awaitStatus(cardOffer, "COMPLETED", Duration.ofSeconds(60));
        assertThat(count(sent, "SENT")).isEqualTo(whileHeld.get("suppressed").get("FREQUENCY_CAP").asLong())
                .isEqualTo((long) channel.sent().size());
    }

    @Test
    void aCampaignScheduledBeyondThePolicysHoldHorizonHoldsNothingYet() {
        String springFestival = campaigns.create(scheduledIn(Duration.ofDays(40), 9));
        campaigns.command(springFestival, "start");
        CampaignFixture.pause(Duration.ofMillis(2500));

        assertThat(holdsOf(springFestival)).isNull();
        assertThat(holdLines(springFestival, null)).isZero();
        String cardOffer = campaigns.create(withPriority(invitation(1000), 1));
        assertThat(campaigns.estimate(cardOffer).get("sendable").asLong()).isPositive();
    }

    // --- claims

    @Test
    void claimsNeverHandOneRecipientTwice() {
        Campaign campaign = materialisedDraft();
        Set<UUID> seen = new HashSet<>();
        List<UUID> batch;
        do {
            batch = store.claim(campaign.id(), 1, 7, UUID.randomUUID(), Instant.now(),
                    Instant.now().plusSeconds(60)).collectList().block();
            assertThat(batch).as("a claim takes at most its limit").hasSizeLessThanOrEqualTo(7);
            for (UUID customer : batch) {
                assertThat(seen.add(customer)).as("claimed once: %s", customer).isTrue();
            }
        } while (!batch.isEmpty());
        assertThat((long) seen.size()).isEqualTo(recipientsOf(campaign));
    }

    @Test
    void anAbandonedClaimIsReconciledWithTheMessagesStoredNeverSentAgain() {
        Campaign campaign = materialisedDraft();
        Instant now = Instant.now();
        // a dispatcher claims everyone and stops after sending to the first recipient (its lease has run out)
        List<UUID> claimed = store.claim(campaign.id(), 1, 1000, UUID.randomUUID(), now, now.minusSeconds(1))
                .collectList().block();
        UUID sentBeforeTheStop = claimed.get(0);
        sendAsTheDispatcherWould(campaign, sentBeforeTheStop);
        assertThat(channel.sent()).hasSize(1);
        // and it stopped after the policy counted the second one, before storing its message
        UUID countedBeforeTheStop = claimed.get(1);
        ContactOutcome counted = countInTheCampaign(campaign, countedBeforeTheStop);
        // and another stopped after the policy counted its third one, before even its contact-log line
        UUID countedWithoutALine = claimed.get(2);
        ContactOutcome unlogged = countInTheCampaign(campaign, countedWithoutALine);
        db.sql("delete from contact_log where id = :id").bind("id", unlogged.logEntryId()).then().block();

        assertThat(dispatcher.reconcileAbandoned(campaign).block()).isEqualTo(Math.min(claimed.size(), 100));
        while (dispatcher.reconcileAbandoned(campaign).block() > 0) {
            // the rest, one batch at a time
        }

        assertThat(stateOf(campaign, sentBeforeTheStop)).isEqualTo("SENT");
        assertThat(countIn(campaign, "PENDING")).isEqualTo(claimed.size() - 1);
        assertThat(db.sql("select released_at from contact_log where id = :id").bind("id", counted.logEntryId())
                .map(row -> row.get("released_at") != null).one().block())
                .as("the orphan contact is released").isTrue();

        // the campaign runs on: everyone else gets their message, the first one nothing more
        assertThat(store.move(campaign.id(), CampaignStatus.DRAFT, CampaignStatus.RUNNING, null, Instant.now())
                .block()).isTrue();
        campaigns.awaitStatus(campaign.key(), "COMPLETED", Duration.ofSeconds(60));
        Map<String, Long> perPhone = new java.util.HashMap<>();
        channel.sent().forEach(message -> perPhone.merge(message.to(), 1L, Long::sum));
        assertThat(perPhone.values()).allSatisfy(sends -> assertThat(sends).isEqualTo(1L));
        assertThat(countIn(campaign, "SENT")).isEqualTo(perPhone.size());
        assertThat(stateOf(campaign, countedBeforeTheStop)).isEqualTo("SENT");
        assertThat(stateOf(campaign, countedWithoutALine)).as("not refused by its own wave").isEqualTo("SENT");
    }

    @Test
    void aDeliveryReportFasterThanItsBatchsOwnRecordStandsAndAnUnclaimedRecipientIsNotMoved() {
        Campaign campaign = materialisedDraft();
        Instant now = Instant.now();
        UUID batch = UUID.randomUUID();
        UUID customer = store.claim(campaign.id(), 1, 1, batch, now, now.plusSeconds(60)).blockFirst();
        UUID unclaimed = db.sql("select customer_id from campaign_recipients where campaign_id = :id "
                        + "and customer_id <> :claimed")
                .bind("id", campaign.id()).bind("claimed", customer)
                .map(row -> row.get("customer_id", UUID.class)).all().blockFirst();

        // the provider reports delivered before the batch records the send's own answer (sent)
        assertThat(store.delivered(campaign.id(), 1, RecipientState.DELIVERED, null, List.of(customer, unclaimed), now)
                .block()).isEqualTo(1L);
        store.record(campaign.id(), 1, batch, List.of(outcome(customer, RecipientState.SENT)), Instant.now()).block();

        assertThat(stateOf(campaign, customer)).isEqualTo("DELIVERED");
        assertThat(stateOf(campaign, unclaimed)).isEqualTo("PENDING");
    }

    @Test
    void theAnswerToABatchsOwnSendReachesItsRecipientEvenWhenItsClaimWasReconciledMeanwhile() {
        Campaign campaign = materialisedDraft();
        Instant now = Instant.now();
        UUID slowBatch = UUID.randomUUID();
        // a batch claims a recipient and is so slow that its lease runs out
        UUID customer = store.claim(campaign.id(), 1, 1, slowBatch, now, now.minusSeconds(1)).blockFirst();
        // meanwhile reconciliation finds its message stored, still queued: the recipient counts as sent
        UUID reconciler = UUID.randomUUID();
        assertThat(store.claimAbandoned(campaign.id(), 1, 10, reconciler, now, now.plusSeconds(60)).collectList()
                .block()).containsExactly(customer);
        store.record(campaign.id(), 1, reconciler, List.of(outcome(customer, RecipientState.SENT)), now).block();

        // then the provider's answer to the slow batch's send comes back: delivered
        store.record(campaign.id(), 1, slowBatch, List.of(outcome(customer, RecipientState.DELIVERED)), Instant.now()).block();

        assertThat(stateOf(campaign, customer)).isEqualTo("DELIVERED");
    }

    // --- helpers

    static Map<String, Object> invitation(int ratePerSecond) {
        return Map.of("name", "到店有礼 邀约", "kind", "PROMOTION", "templateId", "visit-invitation",
                "audience", Map.of("consent", true),
                "variables", Map.of("activity", "存款送米面油"),
                "offeredDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString(),
                "ratePerSecond", ratePerSecond);
    }

    static Map<String, Object> withPriority(Map<String, Object> campaign, int priority) {
        Map<String, Object> prioritised = new java.util.HashMap<>(campaign);
        prioritised.put("priority", priority);
        return prioritised;
    }

    static Map<String, Object> scheduledIn(Duration ahead, int priority) {
        OffsetDateTime at = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plus(ahead)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> scheduled = new java.util.HashMap<>(withPriority(invitation(1000), priority));
        scheduled.put("schedule", Map.of("at", at.toString()));
        return scheduled;
    }

    /** Waits until the campaign's holds are in {@code state}; how many were placed. */
    private long awaitHolds(String campaignId, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state.equals(holdsOf(campaignId))) {
            assertThat(System.nanoTime()).as("holds of %s %s within 30 s", campaignId, state).isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(100));
        }
        return db.sql("select held from campaign_holds where campaign_id = :id").bind("id", UUID.fromString(campaignId))
                .map(row -> ((Number) row.get("held")).longValue()).one().block();
    }

    private String holdsOf(String campaignId) {
        return db.sql("select state from campaign_holds where campaign_id = :id").bind("id", UUID.fromString(campaignId))
                .map(row -> row.get("state", String.class)).one().block();
    }

    /** The campaign's hold lines in the contact log released for {@code reason}, or standing when it is null. */
    private long holdLines(String campaignId, String reason) {
        return db.sql("select count(*) as n from contact_log where campaign_id = :id and decision = 'HELD' and "
                        + (reason == null ? "released_at is null" : "release_reason = :reason"))
                .bind("id", campaignId)
                .bindValues(reason == null ? Map.of() : Map.of("reason", reason))
                .map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    static Map<String, Object> withAudience(Map<String, Object> audience) {
        Map<String, Object> campaign = new java.util.HashMap<>(invitation(1000));
        campaign.put("audience", audience);
        return campaign;
    }

    /** A draft (the dispatcher leaves it alone) whose recipients are written, as starting it would. */
    Campaign materialisedDraft() {
        String id = campaigns.create(invitation(1000));
        Campaign campaign = store.find(UUID.fromString(id)).block();
        Long written = store.materialise(campaign.id(), 1,
                customers.idQuery(audienceQueries.criteriaOf(campaign.definition().audience())), Instant.now()).block();
        assertThat(written).isGreaterThan(20);
        return campaign;
    }

    private void sendAsTheDispatcherWould(Campaign campaign, UUID customerId) {
        RecipientAssignment assignment = RecipientAssignment.of(campaign.id(), 1, customerId, 0,
                campaign.definition().variants());
        CampaignMessaging.Batch batch = new CampaignMessaging.Batch(campaign.key(), 1, 5,
                List.of(new CampaignMessaging.Recipient(customerId, assignment.messageId(),
                        assignment.variant().templateId(), assignment.variant().variantId(), List.of(ChannelKind.SMS))),
                Map.of("activity", "存款送米面油", "offeredDay", "明天"), "system");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CampaignMessaging.Result result = messaging.send(batch).single().block();
        // at start-up marketing waits while the counters are rebuilt, as the dispatcher would
        while (result instanceof CampaignMessaging.Result.NotAllowed notAllowed && notAllowed.outcome().isPaused()) {
            assertThat(System.nanoTime()).as("contact counters rebuilt within 30 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(200));
            result = messaging.send(batch).single().block();
        }
        assertThat(result).isInstanceOf(CampaignMessaging.Result.Sent.class);
    }

    private void reply(String phone, String providerId, String text) {
        assertThat(providerEvents.inboundReceived(new InboundMessage(CampaignTestChannel.PROVIDER, providerId,
                ChannelKind.SMS, phone, "bank", text, Instant.now())).block()).isTrue();
    }

    private ContactOutcome countInTheCampaign(Campaign campaign, UUID customerId) {
        ContactAttempt attempt = new ContactAttempt(customerId, Channel.SMS, ContactCategory.MARKETING, null,
                "visit-invitation", null, false, true).inCampaign(campaign.key(), 1, 5);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ContactOutcome outcome = gate.requestAll(List.of(ContactRequest.bySystem(attempt))).single().block();
        while (outcome.isPaused()) {
            assertThat(System.nanoTime()).as("contact counters rebuilt within 30 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(200));
            outcome = gate.requestAll(List.of(ContactRequest.bySystem(attempt))).single().block();
        }
        assertThat(outcome.isAllowed()).isTrue();
        return outcome;
    }

    private void awaitSentAtLeast(int sends) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (channel.sent().size() < sends) {
            assertThat(System.nanoTime()).as("%s sends within 30 s", sends).isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(20));
        }
    }

    private JsonNode awaitCount(String id, String state, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode campaign = campaigns.get(id);
            if (count(campaign, state) == expected) {
                return campaign;
            }
            assertThat(System.nanoTime()).as("%s %s within 10 s: %s", expected, state, campaign.get("counts"))
                    .isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(50));
        }
    }

    private UUID customerIdOfMessage(UUID messageId) {
        return db.sql("select customer_id from messages where id = :id").bind("id", messageId)
                .map(row -> row.get("customer_id", UUID.class)).one().block();
    }

    private long recipientsOf(Campaign campaign) {
        return db.sql("select count(*) as n from campaign_recipients where campaign_id = :id")
                .bind("id", campaign.id()).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    private long countIn(Campaign campaign, String state) {
        return db.sql("select count(*) as n from campaign_recipients where campaign_id = :id and state = :state")
                .bind("id", campaign.id()).bind("state", state)
                .map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    /** What a batch records for a recipient: only where it ended. */
    private static RecipientUpdate outcome(UUID customer, RecipientState state) {
        return new RecipientUpdate(customer, state, null, null, null, null, null);
    }

    private static Map<String, Long> countsShown(JsonNode campaign) {
        Map<String, Long> shown = new java.util.TreeMap<>();
        campaign.get("counts").properties().forEach(state -> shown.put(state.getKey(), state.getValue().asLong()));
        return shown;
    }

    private Map<String, Long> statesOfTheRecipients(String campaignId) {
        Map<String, Long> states = new java.util.TreeMap<>();
        List.of("PENDING", "SENT", "DELIVERED", "FAILED", "SUPPRESSED", "DEFERRED").forEach(state -> states.put(state, 0L));
        db.sql("select state, count(*) as n from campaign_recipients where campaign_id = :id "
                        + "and state <> 'HELD_OUT' group by state")
                .bind("id", UUID.fromString(campaignId))
                .map(row -> Map.entry(row.get("state", String.class), ((Number) row.get("n")).longValue()))
                .all()
                .toIterable()
                .forEach(counted -> states.merge(counted.getKey().equals("SENDING") ? "PENDING" : counted.getKey(),
                        counted.getValue(), Long::sum));
        return states;
    }

    private String stateOf(Campaign campaign, UUID customerId) {
        return db.sql("select state from campaign_recipients where campaign_id = :id and customer_id = :customer")
                .bind("id", campaign.id()).bind("customer", customerId)
                .map(row -> row.get("state", String.class)).one().block();
    }

    private static List<String> fieldsOf(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    WebTestClient as(String username) {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, username + "-password")).build();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestChannel {

        @Bean
        CampaignTestChannel campaignTestChannel(ProviderEvents events) {
            return new CampaignTestChannel(events);
        }
    }
}
