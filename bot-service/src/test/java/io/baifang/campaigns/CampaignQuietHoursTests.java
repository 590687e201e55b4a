package io.baifang.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.baifang.shared.ApiFixture;
import io.baifang.shared.SettableClock;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static io.baifang.campaigns.CampaignFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign started at night waits for the morning: the contact policy defers every recipient to the end of
 * quiet hours, and the dispatcher sends them when that time comes, never dropping one. The application's clock
 * is set by the test; quiet hours are on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + CampaignQuietHoursTests.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=true",
        "baifang.campaigns.tick=PT0.05S"})
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/campaign-night-${random.uuid}")
@AutoConfigureWebTestClient
@Import({TestDatabase.class, SettableClock.Configuration.class})
class CampaignQuietHoursTests {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** Wednesday 20 January 2027, 22:00 in Shanghai: quiet hours. */
    private static final Instant TEN_PM = OffsetDateTime.parse("2027-01-20T22:00:00+08:00").toInstant();

    /** The next morning, just after quiet hours end. */
    private static final Instant MORNING = OffsetDateTime.parse("2027-01-21T08:00:01+08:00").toInstant();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    SettableClock clock;

    @Test
    void aCampaignStartedAtNightIsDeferredToTheMorningAndSentThen() {
        WebTestClient admin = web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(30)).build();
        CampaignFixture campaigns = new CampaignFixture(admin);
        ApiFixture.importSampleSheet(admin);
        clock.set(TEN_PM);
        String id = campaigns.create(Map.of("name", "新春拜年", "kind", "HOLIDAY_GREETING",
                "templateId", "visit-invitation", "audience", Map.of("consent", true, "branches", List.of("JLP002")),
                "variables", Map.of("activity", "存款送米面油"), "offeredDate", "2027-01-21", "ratePerSecond", 1000));

        campaigns.command(id, "start");
        JsonNode night = awaitNoPending(campaigns, id);

        long deferred = count(night, "DEFERRED");
        assertThat(deferred).isGreaterThan(5);
        assertThat(night.get("status").asString()).isEqualTo("RUNNING");
        assertThat(night.get("notSentByReason").get("QUIET_HOURS_DEFERRED").asLong()).isEqualTo(deferred);
        assertThat(count(night, "DELIVERED")).isZero();
        assertThat(outboundMessages()).isZero();

        clock.set(MORNING);
        JsonNode morning = awaitCompletedAsTimePasses(campaigns, id);

        assertThat(count(morning, "DEFERRED")).isZero();
        assertThat(count(morning, "DELIVERED")).isEqualTo(deferred);
        assertThat(outboundMessages()).isEqualTo(deferred);
        assertThat(db.sql("select text from messages where direction = 'OUTBOUND'")
                .map(row -> row.get("text", String.class)).all().collectList().block())
                .allSatisfy(text -> assertThat(text).contains("今天"));
    }

    /**
     * The morning goes on: the clock moves a second per poll, as it would (the counters may be rebuilt after
     * the jump of the clock, and marketing waits a moment meanwhile).
     */
    private JsonNode awaitCompletedAsTimePasses(CampaignFixture campaigns, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode campaign = campaigns.get(id);
            if (campaign.get("status").asString().equals("COMPLETED")) {
                return campaign;
            }
            assertThat(System.nanoTime()).as("completed within 60 s: %s", campaign.get("counts")).isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(100));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** Every recipient decided; the night goes on a second per poll. */
    private JsonNode awaitNoPending(CampaignFixture campaigns, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode campaign = campaigns.get(id);
            if (count(campaign, "PENDING") == 0) {
                return campaign;
            }
            assertThat(System.nanoTime()).as("every recipient decided within 30 s").isLessThan(deadline);
            CampaignFixture.pause(Duration.ofMillis(100));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private long outboundMessages() {
        return db.sql("select count(*) as n from messages where direction = 'OUTBOUND'")
                .map(row -> ((Number) row.get("n")).longValue()).one().block();
    }
}
