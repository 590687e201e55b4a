package io.baifang.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What API tests of every module do to get started, through the HTTP API as a client would: import the
 * shared sample sheet, find one of its customers, create a staff user.
 */
public final class ApiFixture {

    public static final String SAMPLE_SHEET = "samples/leads-sample.csv";

    private ApiFixture() {
    }

    /** Imports {@code leads-sample.csv} (71 customers of JLP001–JLP004). */
    public static void importSampleSheet(WebTestClient asAdmin) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ClassPathResource(SAMPLE_SHEET)).filename("leads-sample.csv");
        asAdmin.post().uri("/api/customers/import")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isOk();
    }

    /** The id of the one customer with this phone, given as E.164 ({@code +8613065517455}). */
    public static String customerIdByPhone(WebTestClient asAdmin, String e164) {
        String nationalNumber = e164.startsWith("+86") ? e164.substring(3) : e164;
        JsonNode page = asAdmin.get().uri(uri -> uri.path("/api/customers").queryParam("q", nationalNumber).build())
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.get("items").size()).isEqualTo(1);
        return page.get("items").get(0).get("id").asString();
    }

    /** A user whose password is {@code <username>-password}. */
    public static void createUser(WebTestClient asAdmin, String username, String role, String... branches) {
        asAdmin.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", username + "-password", "role", role,
                        "branches", List.of(branches)))
                .exchange().expectStatus().isCreated();
    }

    /** The statuses a message went through, oldest first, from its {@code history} as the messages API shows it. */
    public static List<String> statusesOf(JsonNode message) {
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(change -> statuses.add(change.get("status").asString()));
        return statuses;
    }
}
