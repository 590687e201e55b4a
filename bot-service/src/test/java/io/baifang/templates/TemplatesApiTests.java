package io.baifang.templates;

import io.baifang.shared.ApiFixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates API as a client sees it, on the embedded default with the shipped templates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + TemplatesApiTests.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/templates-${random.uuid}",
        "baifang.templates.price-per-segment.SMS=0.04"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
class TemplatesApiTests {

    static final String ADMIN_PASSWORD = "admin-test-password";
    private static final String OF_JLP002 = "+8613065517455"; // 熊华桂, 九龙坡区西彭支行 in the sample sheet

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void startFromAnEmptyRegistry() {
        for (String table : List.of("customer_provenance", "lead_import_rejections", "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
    }

    @Test
    void theListShowsEveryTemplateWithItsCategoryChannelsVariablesAndVariants() {
        JsonNode list = asAdmin().get().uri("/api/templates").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(list.size()).isEqualTo(13);
        JsonNode invitation = find(list, "visit-invitation");
        assertThat(invitation.get("name").asString()).isEqualTo("网点活动邀约");
        assertThat(invitation.get("category").asString()).isEqualTo("MARKETING");
        assertThat(invitation.get("channels").toString()).isEqualTo("[\"SMS\",\"WHATSAPP\"]");
        assertThat(invitation.get("variables").get(0).get("name").asString()).isEqualTo("customerName");
        assertThat(invitation.get("variables").get(0).get("description").asString()).isEqualTo("客户姓名");
        assertThat(invitation.get("variants").get(1).get("id").asString()).isEqualTo("B");
    }

    @Test
    void theChineseInvitationPreviewsAsUcs2InTwoSegments() {
        JsonNode preview = preview("visit-invitation", Map.of("variables", Map.of(
                "customerName", "王秀英", "branchName", "九龙坡区白市驿支行", "branchAddress", "重庆市九龙坡区白市驿镇白欣路21号",
                "activity", "存款送米面油", "offeredDay", "明天")));

        String text = preview.get("text").asString();
        assertThat(text).startsWith("【百访银行】王秀英您好！明天我们九龙坡区白市驿支行有存款送米面油活动，到店有礼。请问您明天什么时候过来？")
                .endsWith("回T退订");
        assertThat(preview.get("encoding").asString()).isEqualTo("UCS2");
        assertThat(preview.get("characters").asInt()).isEqualTo(text.codePointCount(0, text.length())).isBetween(71, 134);
        assertThat(preview.get("segments").asInt()).isEqualTo(2);
        assertThat(preview.get("cost").decimalValue()).isEqualByComparingTo("0.08");
    }

    @Test
    void aPreviewForACustomerFillsTheirNameAndBranchAndTakesTheOtherVariablesFromTheRequest() {
        importSampleSheet();
        String customerId = customerIdByPhone(OF_JLP002);

        JsonNode preview = preview("visit-invitation", Map.of("customerId", customerId,
                "variables", Map.of("activity", "存款送米面油", "offeredDay", "明天")));

        assertThat(preview.get("text").asString()).isEqualTo("【百访银行】熊华桂您好！明天我们九龙坡区西彭支行有存款送米面油活动，"
                + "到店有礼。请问您明天什么时候过来？直接回复时间就行，我们给您留好位置。地址：重庆市九龙坡区西彭镇铝城大道66号。回T退订");
        assertThat(preview.get("encoding").asString()).isEqualTo("UCS2");
        assertThat(preview.get("segments").asInt()).isEqualTo(2);
    }

    @Test
    void aVariantAndAChannelMayBeAskedFor() {
        importSampleSheet();
        String customerId = customerIdByPhone(OF_JLP002);

        JsonNode preview = preview("booking-confirmation", Map.of("customerId", customerId, "channel", "WEBCHAT",
                "variables", Map.of("visitDate", "11月25日（周三）", "visitTime", "上午10:00")));

        assertThat(preview.get("text").asString()).startsWith("【百访银行】熊华桂您好，已为您约好11月25日（周三）上午10:00到九龙坡区西彭支行")
                .doesNotContain("退订");
        assertThat(preview.get("channel").asString()).isEqualTo("WEBCHAT");
        assertThat(preview.get("segments").asInt()).isEqualTo(1);
        assertThat(preview.get("cost").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aMissingVariableIsABadRequestThatNamesIt() {
        importSampleSheet();
        String customerId = customerIdByPhone(OF_JLP002);

        asAdmin().post().uri("/api/templates/visit-invitation/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", customerId, "variables", Map.of("activity", "存款送米面油")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("template visit-invitation needs variable offeredDay, which was not given")
                .jsonPath("$.missing[0]").isEqualTo("offeredDay");
    }

    @Test
    void aPreviewWithNothingGivenNamesEveryVariableTheBodyNeeds() {
        asAdmin().post().uri("/api/templates/clarify/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.missing").isEqualTo(List.of("branchName"));
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        asAdmin().post().uri("/api/templates/no-such-template/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variables", Map.of())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no template no-such-template");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        asAdmin().post().uri("/api/templates/clarify/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", UUID.randomUUID().toString())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aCustomerOfAnotherBranchIsNotFoundAsIfItDidNotExist() {
        importSampleSheet();
        String ofJlp002 = customerIdByPhone(OF_JLP002);
        asAdmin().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "li.na", "password", "li.na-password", "role", "STAFF",
                        "branches", List.of("JLP001")))
                .exchange().expectStatus().isCreated();
        WebTestClient liNa = web.mutate().defaultHeaders(headers -> headers.setBasicAuth("li.na", "li.na-password")).build();

        liNa.post().uri("/api/templates/clarify/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", ofJlp002)).exchange()
                .expectStatus().isNotFound();
        liNa.post().uri("/api/templates/clarify/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variables", Map.of("branchName", "九龙坡区白市驿支行"))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aChannelTheTemplateIsNotForOrAnUnknownVariantIsABadRequest() {
        Map<String, String> variables = Map.of("customerName", "王", "branchName", "网点", "branchPhone", "023");

        asAdmin().post().uri("/api/templates/holiday-greeting/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variables", variables, "channel", "WEBCHAT")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("template holiday-greeting is not for WEBCHAT (it is for SMS, WHATSAPP)");
        asAdmin().post().uri("/api/templates/holiday-greeting/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("variables", variables, "variant", "C")).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void withoutCredentialsTheTemplatesAreNotShown() {
        web.get().uri("/api/templates").exchange().expectStatus().isUnauthorized();
    }

    // --- fixtures

    private JsonNode preview(String templateId, Map<String, Object> body) {
        return asAdmin().post().uri("/api/templates/" + templateId + "/preview").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void importSampleSheet() {
        ApiFixture.importSampleSheet(asAdmin());
    }

    private String customerIdByPhone(String phone) {
        return ApiFixture.customerIdByPhone(asAdmin(), phone);
    }

    private WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode template : list) {
            if (template.get("id").asString().equals(id)) {
                return template;
            }
        }
        throw new AssertionError("no template " + id + " in " + list);
    }
}
