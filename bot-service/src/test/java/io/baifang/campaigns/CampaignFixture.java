package io.baifang.campaigns;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the campaign API tests do through the HTTP API, as a client would. */
final class CampaignFixture {

    private final WebTestClient client;

    CampaignFixture(WebTestClient client) {
        this.client = client;
    }

    /** Creates a draft and answers its id. */
    String create(Map<String, ?> campaign) {
        JsonNode created = client.post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(campaign)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(created.get("status").asString()).isEqualTo("DRAFT");
        return created.get("id").asString();
    }

    JsonNode command(String id, String command) {
        return client.post().uri("/api/campaigns/{id}/{command}", id, command).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode get(String id) {
        return client.get().uri("/api/campaigns/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Reads the campaign until it reaches {@code status}, for at most {@code within}. */
    JsonNode awaitStatus(String id, String status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode campaign = get(id);
            if (campaign.get("status").asString().equals(status)) {
                return campaign;
            }
            assertThat(System.nanoTime()).as("campaign %s %s within %s; it is %s with %s", id, status, within,
                    campaign.get("status").asString(), campaign.get("counts")).isLessThan(deadline);
            pause(Duration.ofMillis(100));
        }
    }

    JsonNode estimate(String id) {
        return client.post().uri("/api/campaigns/{id}/estimate", id).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode phone(String e164) {
        return client.get().uri("/api/simulator/phones/{phone}/messages", e164).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode contactLogOf(String customerId) {
        return client.get().uri("/api/customers/{id}/contacts", customerId).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static long count(JsonNode campaign, String state) {
        return campaign.get("counts").get(state).asLong();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
