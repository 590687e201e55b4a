package io.baifang.campaigns;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.baifang.shared.ApiFixture;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static io.baifang.campaigns.CampaignFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first "done when", on the embedded default (H2, JVM counters, the simulated SMS gateway): after
 * importing the sample sheet, a {@code visit-invitation} campaign to its consenting customers completes; every
 * customer the policy allows holds exactly one message on their simulated phone; the estimate matched what was
 * sent; the contact log explains every customer who got nothing the policy refused (a customer the template
 * cannot greet is explained by the campaign, {@code NOT_RENDERED}); and a second marketing campaign the same
 * day is refused for every one of them. Quiet hours are off, so the journey does not depend on the hour it runs at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + CampaignJourneyTests.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=false",
        "baifang.campaigns.tick=PT0.05S"})
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/campaign-journey-${random.uuid}")
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
class CampaignJourneyTests {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** 熊华桂, JLP002, consent 是: opts out before the campaign */
    private static final String OPTS_OUT = "+8613065517455";
    /** 曹丽, JLP002, consent 是: staff phoned her today, before the campaign */
    private static final String PHONED_TODAY = "+8613532221271";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Test
    void anInvitationReachesEveryConsentingCustomerOnceAndASecondCampaignTheSameDayIsRefused() {
        WebTestClient admin = web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(30)).build();
        CampaignFixture campaigns = new CampaignFixture(admin);
        ApiFixture.importSampleSheet(admin);
        Map<String, String> consenting = consentingCustomersByPhone();
        assertThat(consenting).hasSizeGreaterThan(20).containsKeys(OPTS_OUT, PHONED_TODAY);
        // the sheet has consenting customers without a name: no invitation can greet them, so none is sent
        Set<String> unnamed = consentingPhonesWithoutAName();
        assertThat(unnamed).isNotEmpty().doesNotContain(OPTS_OUT, PHONED_TODAY);
        int reachable = consenting.size() - 2 - unnamed.size();

        // before the campaign: one customer opts out, staff phone another
        admin.post().uri("/api/customers/{id}/opt-out", consenting.get(OPTS_OUT)).exchange().expectStatus().isOk();
        staffCall(admin, consenting.get(PHONED_TODAY));

        // the invitation, to the sheet's consenting customers
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        String invitation = campaigns.create(Map.of(
                "name", "到店有礼 邀约", "kind", "PROMOTION", "templateId", "visit-invitation",
                "audience", Map.of("consent", true),
                "variables", Map.of("activity", "存款送米面油"),
                "offeredDate", tomorrow.toString(),
                "ratePerSecond", 1000));

        // the estimate: a dry run through the contact policy's preview, nothing counted or sent
        JsonNode estimate = campaigns.estimate(invitation);
        assertThat(estimate.get("audience").asLong()).isEqualTo(consenting.size());
        assertThat(estimate.get("suppressed").get("OPTED_OUT").asLong()).isEqualTo(1);
        assertThat(estimate.get("suppressed").get("FREQUENCY_CAP").asLong()).isEqualTo(1);
        assertThat(estimate.get("suppressed").get("NOT_RENDERED").asLong()).isEqualTo(unnamed.size());
        assertThat(estimate.get("sendable").asLong()).isEqualTo(reachable);
        assertThat(estimate.get("segments").asLong()).isGreaterThan(reachable);
        assertThat(estimate.get("policyChecked").asBoolean()).isTrue();
        assertThat(campaigns.estimate(invitation)).as("estimating counted nothing").isEqualTo(estimate);

        assertThat(campaigns.command(invitation, "start").get("status").asString()).isIn("RUNNING", "COMPLETED");
        JsonNode sent = campaigns.awaitStatus(invitation, "COMPLETED", Duration.ofSeconds(60));

        // every consenting customer is a recipient; the reachable ones are delivered, the others suppressed
        assertThat(sent.get("recipients").asLong()).isEqualTo(consenting.size());
        assertThat(count(sent, "DELIVERED")).isEqualTo(reachable);
        assertThat(count(sent, "SUPPRESSED")).isEqualTo(2 + unnamed.size());
        assertThat(count(sent, "PENDING") + count(sent, "SENT") + count(sent, "FAILED") + count(sent, "DEFERRED"))
                .isZero();
        assertThat(sent.get("notSentByReason").get("OPTED_OUT").asLong()).isEqualTo(1);
        assertThat(sent.get("notSentByReason").get("FREQUENCY_CAP").asLong()).isEqualTo(1);
        assertThat(sent.get("notSentByReason").get("NOT_RENDERED").asLong()).isEqualTo(unnamed.size());
        assertThat(count(sent, "DELIVERED")).as("the estimate matched what was sent")
                .isEqualTo(estimate.get("sendable").asLong());

        // exactly one message on every phone the policy allowed, none on the two others
        Set<String> variantsSeen = new HashSet<>();
        consenting.forEach((phone, customerId) -> {
            JsonNode screen = campaigns.phone(phone);
            if (phone.equals(OPTS_OUT) || phone.equals(PHONED_TODAY) || unnamed.contains(phone)) {
                assertThat(screen).as("phone %s", phone).isEmpty();
                return;
            }
            assertThat(screen).as("phone %s", phone).hasSize(1);
            assertThat(screen.get(0).get("text").asString()).contains("存款送米面油", "明天", "回T退订");
            variantsSeen.add(screen.get(0).get("text").asString().contains("什么时候过来") ? "A" : "B");
        });
        assertThat(variantsSeen).as("both wordings of the A/B split went out").containsExactlyInAnyOrder("A", "B");

        // the contact log explains each customer who got nothing
        assertThat(campaignLineOf(campaigns, consenting.get(OPTS_OUT), invitation).get("decision").asString())
                .isEqualTo("OPTED_OUT");
        JsonNode capped = campaignLineOf(campaigns, consenting.get(PHONED_TODAY), invitation);
        assertThat(capped.get("decision").asString()).isEqualTo("FREQUENCY_CAP");
        assertThat(capped.get("rule").asString()).isEqualTo("marketing-1d");

        // a customer answers the invitation: the reply is the campaign's
        String answering = consenting.keySet().stream()
                .filter(phone -> !phone.equals(OPTS_OUT) && !phone.equals(PHONED_TODAY) && !unnamed.contains(phone))
                .findFirst().orElseThrow();
        admin.post().uri("/api/simulator/phones/{phone}/reply", answering).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"明天上午10点\"}").exchange().expectStatus().isAccepted();
        awaitReplied(campaigns, invitation, 1);

        // a second marketing campaign the same day reaches nobody: the caps refuse every one of them
        String second = campaigns.create(Map.of(
                "name", "积分有礼", "kind", "PROMOTION", "templateId", "points-gift",
                "audience", Map.of("consent", true),
                "variables", Map.of("gift", "一桶5升菜籽油"),
                "offeredDate", tomorrow.toString(),
                "ratePerSecond", 1000));
        campaigns.command(second, "start");
        JsonNode refused = campaigns.awaitStatus(second, "COMPLETED", Duration.ofSeconds(60));

        assertThat(count(refused, "SUPPRESSED")).isEqualTo(consenting.size());
        assertThat(count(refused, "DELIVERED") + count(refused, "SENT")).isZero();
        assertThat(refused.get("notSentByReason").get("FREQUENCY_CAP").asLong()).isEqualTo(reachable + 1);
        consenting.forEach((phone, customerId) -> {
            if (!phone.equals(OPTS_OUT) && !unnamed.contains(phone)) {
                assertThat(campaignLineOf(campaigns, customerId, second).get("decision").asString())
                        .as("customer %s", customerId).isEqualTo("FREQUENCY_CAP");
            }
            assertThat(outboundOn(campaigns.phone(phone))).as("phone %s", phone).isLessThanOrEqualTo(1);
        });
    }

    private static long outboundOn(JsonNode screen) {
        long outbound = 0;
        for (JsonNode line : screen) {
            outbound += "OUTBOUND".equals(line.get("direction").asString()) ? 1 : 0;
        }
        return outbound;
    }

    private static void awaitReplied(CampaignFixture campaigns, String id, long replies) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (campaigns.get(id).get("replied").asLong() < replies) {
            assertThat(System.nanoTime()).as("%s replies attributed within 10 s", replies).isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(50));
        }
    }

    private Map<String, String> consentingCustomersByPhone() {
        return db.sql("select phone, id from customers where consent = true")
                .map(row -> Map.entry(row.get("phone", String.class), row.get("id", java.util.UUID.class).toString()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    private Set<String> consentingPhonesWithoutAName() {
        return new HashSet<>(db.sql("select phone from customers where consent = true and name is null")
                .map(row -> row.get("phone", String.class))
                .all()
                .collectList()
                .block());
    }

    /** A staff marketing call; while the counters are rebuilt at start-up the answer is 503, so ask again. */
    private static void staffCall(WebTestClient admin, String customerId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            int status = admin.post().uri("/api/customers/{id}/contacts", customerId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"channel\":\"PHONE\",\"category\":\"MARKETING\"}")
                    .exchange().expectBody().returnResult().getStatus().value();
            if (status == 201) {
                return;
            }
            assertThat(status).as("a staff call is allowed or paused").isEqualTo(503);
            assertThat(System.nanoTime()).as("contact counters rebuilt within 30 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(200));
        }
    }

    /** The newest contact-log line of the customer for that campaign. */
    private static JsonNode campaignLineOf(CampaignFixture campaigns, String customerId, String campaignId) {
        JsonNode log = campaigns.contactLogOf(customerId);
        for (JsonNode line : log.get("items")) {
            if (campaignId.equals(line.path("campaignId").asString(null))) {
                return line;
            }
        }
        throw new AssertionError("no contact-log line of campaign " + campaignId + " for customer " + customerId
                + ": " + log);
    }
}
