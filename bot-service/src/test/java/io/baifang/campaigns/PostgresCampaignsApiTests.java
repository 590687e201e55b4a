package io.baifang.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.baifang.shared.RealServer;
import io.baifang.shared.RedisTestKeys;
import io.baifang.shared.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign contract in production mode: PostgreSQL (claims {@code FOR UPDATE SKIP LOCKED}), Redis
 * counters, no simulator. Redis db 0 is shared, so this class keeps its counters under its own key prefix and
 * removes them when it is done. Its tables are in a schema of their own: every application context the test
 * suite keeps alive runs a campaign dispatcher, and those of other test classes, pointed at the same database
 * with other channels, would otherwise share this class's campaigns — as instances of one deployment should.
 */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class PostgresCampaignsApiTests extends CampaignsApiContract {

    private static final String PREFIX = "test:campaigns-api:" + UUID.randomUUID().toString().substring(0, 8);

    private static final String SCHEMA = "campaigns_api";

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        RealServer pg = RealServer.POSTGRES;
        String hostAndDb = pg.host() + ":" + pg.port() + "/" + pg.database();
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://" + hostAndDb + "?schema=" + SCHEMA);
        registry.add("spring.r2dbc.username", pg::user);
        registry.add("spring.r2dbc.password", pg::password);
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://" + hostAndDb + "?currentSchema=" + SCHEMA);
        registry.add("spring.flyway.user", pg::user);
        registry.add("spring.flyway.password", pg::password);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.data.redis.host", RealServer.REDIS::host);
        registry.add("spring.data.redis.port", RealServer.REDIS::port);
        registry.add("baifang.contact-counters-prefix", () -> PREFIX);
    }

    @Test
    void dispatchersClaimingAtOnceTakeDisjointBatches() {
        Campaign campaign = materialisedDraft();
        List<UUID> all = new ArrayList<>();
        List<List<UUID>> round;
        do {
            // four dispatchers claim at the same moment, each on its own connection
            round = Flux.range(0, 4)
                    .flatMap(dispatcher -> Mono.defer(() -> store.claim(campaign.id(), 1, 5, UUID.randomUUID(),
                                    Instant.now(), Instant.now().plusSeconds(60)).collectList())
                            .subscribeOn(Schedulers.parallel()))
                    .collectList()
                    .block();
            round.forEach(batch -> assertThat(batch).as("a claim takes at most its limit").hasSizeLessThanOrEqualTo(5));
            round.forEach(all::addAll);
        } while (round.stream().anyMatch(batch -> !batch.isEmpty()));

        Set<UUID> distinct = new HashSet<>(all);
        assertThat(distinct).as("no recipient claimed twice").hasSameSizeAs(all);
        assertThat(all).hasSize(recipientsOf(campaign));
    }

    private int recipientsOf(Campaign campaign) {
        return db.sql("select count(*) as n from campaign_recipients where campaign_id = :id")
                .bind("id", campaign.id()).map(row -> ((Number) row.get("n")).intValue()).one().block();
    }

    @AfterAll
    static void removeTheCountersOfThisTest() {
        RedisTestKeys.deleteUnder(PREFIX);
    }
}
