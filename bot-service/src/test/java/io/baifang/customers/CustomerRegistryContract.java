package io.baifang.customers;

import io.baifang.shared.ApiFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer registry and lead-sheet import, as a client sees them over HTTP. Run against every database
 * the service supports: H2 (embedded default) and PostgreSQL (production).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + CustomerRegistryContract.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.customers.lead-sheets.max-upload-size=2MB",
        "baifang.customers.lead-sheets.rows-per-batch=7"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class CustomerRegistryContract {

    static final String ADMIN_PASSWORD = "admin-test-password";
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @BeforeEach
    void startFromAnEmptyRegistry() {
        for (String table : List.of("customer_provenance", "lead_import_rejections", "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
    }

    @ParameterizedTest
    @ValueSource(strings = {"leads-sample.csv", "leads-sample-gbk.csv", "leads-sample.xlsx"})
    void importingEachSampleSheetGivesTheExpectedReportAndCustomers(String sample) throws Exception {
        JsonNode report = importAs("admin", ADMIN_PASSWORD, sample(sample)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        JsonNode expected = json.readTree(new ClassPathResource("samples/leads-sample.expected.json").getInputStream());
        assertThat(report.get("imported").asInt()).isEqualTo(expected.get("imported").asInt());
        assertThat(report.get("updated").asInt()).isEqualTo(expected.get("updated").asInt());
        assertThat(report.get("incomplete").asInt()).isEqualTo(expected.get("incomplete").asInt());
        assertThat(rowsAndColumns(report.get("rejected"))).isEqualTo(rowsAndColumns(expected.get("rejected")));
        assertThat(registry()).isEqualTo(expectedRegistry());
    }

    @Test
    void aSecondImportOfTheSameSheetTurnsEveryAcceptedRowIntoAnUpdateAndChangesNothing() {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();
        List<Map<String, Object>> before = registry();

        JsonNode again = importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isEqualTo(76);
        assertThat(again.get("rejected").size()).isEqualTo(24);
        assertThat(registry()).isEqualTo(before);
    }

    @Test
    void twoUploadsOfTheSameSheetAtOnceBothSucceedOneAfterTheOther() {
        var first = importAsync(sample("leads-sample.csv"));
        var second = importAsync(sample("leads-sample-gbk.csv"));

        List<JsonNode> reports = reactor.core.publisher.Flux.merge(first, second).collectList().block();

        List<Integer> imported = reports.stream().map(report -> report.get("imported").asInt()).sorted().toList();
        assertThat(imported).containsExactly(0, 71);
        reports.forEach(report -> assertThat(report.get("rejected").size()).isEqualTo(24));
        assertThat(registry()).hasSize(71);
    }

    @Test
    void responsesMaskIdNumbersAndNoIdNumberReachesTheLog(CapturedOutput output) {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();

        String page = asAdmin().get().uri("/api/customers?q=13065517455").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("\"idNumber\":\"5002*********\u002a9159\"".replace("\u002a", "*"));
        assertThat(page).doesNotContain("500230199403229159");
        assertThat(output.getAll()).doesNotContain("500230199403229159").doesNotContain("511621200306118207");
    }

    @Test
    void aCustomerKeepsTheHistoryOfWhichSheetAndRowSetItsValues() {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();
        String id = customerIdByPhone("+8613716311118");

        JsonNode detail = asAdmin().get().uri("/api/customers/" + id).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        // 郑芳丽 was created by row 3 and took a new phone from row 9 (same ID number)
        List<Integer> rows = new ArrayList<>();
        detail.get("history").forEach(entry -> rows.add(entry.get("row").asInt()));
        assertThat(rows).containsExactly(3, 9);
        assertThat(detail.get("history").get(0).get("sheet").asString()).isEqualTo("leads-sample.csv");
        assertThat(detail.get("customer").get("tags").toString()).isEqualTo("[\"外出务工\",\"保险满期\",\"外出经商\"]");
    }

    @Test
    void aStaffMemberOfOneBranchCannotSeeAnotherBranchsCustomer() {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();
        createUser("li.na", "STAFF", "JLP001");
        String ofJlp002 = customerIdByPhone("+8613065517455");
        String ofJlp001 = customerIdByPhone("+8613240823244");

        as("li.na").get().uri("/api/customers/" + ofJlp002).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as("li.na").get().uri("/api/customers/" + ofJlp001).exchange().expectStatus().isOk();
        as("li.na").post().uri("/api/customers/" + ofJlp002 + "/opt-out").exchange().expectStatus().isNotFound();
        JsonNode page = as("li.na").get().uri("/api/customers?size=500").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        page.get("items").forEach(customer -> assertThat(customer.get("branch").asString()).isEqualTo("JLP001"));
        assertThat(page.get("total").asInt()).isEqualTo(page.get("items").size()).isPositive();
    }

    @Test
    void customersAreFilteredByWholeTagBranchAndNameOrPhone() throws Exception {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();

        JsonNode migrants = page(uri -> uri.queryParam("tag", "外出务工").queryParam("size", 500));
        migrants.get("items").forEach(customer -> assertThat(customer.get("tags").toString()).contains("\"外出务工\""));
        assertThat(migrants.get("total").asInt()).isEqualTo(expectedWithTag("外出务工")).isPositive();
        assertThat(page(uri -> uri.queryParam("tag", "外出")).get("total").asInt()).isZero();

        JsonNode ofJlp003 = page(uri -> uri.queryParam("branch", "JLP003").queryParam("tag", "到期客户"));
        ofJlp003.get("items").forEach(customer -> assertThat(customer.get("branch").asString()).isEqualTo("JLP003"));
        assertThat(ofJlp003.get("total").asInt()).isPositive();

        assertThat(page(uri -> uri.queryParam("q", "熊华桂")).get("items").get(0).get("phone").asString())
                .isEqualTo("+8613065517455");
        assertThat(page(uri -> uri.queryParam("q", "%")).get("total").asInt()).isZero();
    }

    @Test
    void aStaffMemberCannotImportAnotherBranchsRows() {
        createUser("li.na", "STAFF", "JLP001");

        JsonNode report = importAs("li.na", "li.na-password", sample("leads-sample.csv")).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        JsonNode customers = as("li.na").get().uri("/api/customers?size=500").exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(customers.get("total").asInt()).isEqualTo(report.get("imported").asInt());
        List<String> reasons = new ArrayList<>();
        report.get("rejected").forEach(r -> reasons.add(r.get("column").asString() + ":" + r.get("reason").asString()));
        assertThat(reasons).contains("网点:not one of your branches");
    }

    @Test
    void aSheetWithoutThePhoneColumnIsRefusedWholeNamingTheColumn() {
        String sheet = "姓名,手机,网点\n张三,13800138000,JLP001\n";

        importAs("admin", ADMIN_PASSWORD, upload(sheet.getBytes(StandardCharsets.UTF_8), "wrong-header.csv"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("联系电话"));
        assertThat(registry()).isEmpty();
    }

    @Test
    void anEmptyFileIsAClearBadRequest() {
        importAs("admin", ADMIN_PASSWORD, upload(new byte[0], "empty.csv"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("empty"));
        assertThat(registry()).isEmpty();
    }

    @Test
    void aBinaryFileIsRefusedAsNotASheet() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);

        importAs("admin", ADMIN_PASSWORD, upload(junk, "photo.csv"))
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(registry()).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndChangesNothing() {
        // the limit is 2 MB in these tests (20 MB by default)
        StringBuilder sheet = new StringBuilder("姓名,联系电话,网点\n");
        while (sheet.length() < 3_000_000) {
            sheet.append("张三,13800138000,JLP001\n");
        }

        importAs("admin", ADMIN_PASSWORD, upload(sheet.toString().getBytes(StandardCharsets.UTF_8), "huge.csv"))
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(registry()).isEmpty();
    }

    @Test
    void anImportWithoutCredentialsIsUnauthorized() {
        web.post().uri("/api/customers/import")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart(sample("leads-sample.csv"))))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void staffCanCorrectACustomerAndTheRegistryKeepsPhonesUnique() {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();
        String id = customerIdByPhone("+8613344122175");

        asAdmin().patch().uri("/api/customers/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"address\":\"重庆市九龙坡区兰花社区12号\",\"tags\":[\"到期客户\"]}")
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.address").isEqualTo("重庆市九龙坡区兰花社区12号")
                .jsonPath("$.tags[0]").isEqualTo("到期客户");
        asAdmin().patch().uri("/api/customers/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\":\"130 6551 7455\"}")
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
        asAdmin().patch().uri("/api/customers/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\":\"023-68881234\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("phone"));
    }

    @Test
    void optingOutSuppressesMarketingUntilTheCustomerOptsInAgain() {
        importAs("admin", ADMIN_PASSWORD, sample("leads-sample.csv")).expectStatus().isOk();
        String id = customerIdByPhone("+8613065517455");

        asAdmin().post().uri("/api/customers/" + id + "/opt-out").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.optedOut").isEqualTo(true);
        asAdmin().post().uri("/api/customers/" + id + "/opt-in").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.optedOut").isEqualTo(false);
    }

    @Test
    void anUnknownCustomerIsAProblemNotAnEmptyBody() {
        asAdmin().get().uri("/api/customers/" + UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        asAdmin().get().uri("/api/customers/not-a-uuid").exchange().expectStatus().isBadRequest();
    }

    // --- fixtures

    private WebTestClient.ResponseSpec importAs(String username, String password, Resource file) {
        return web.post().uri("/api/customers/import")
                .headers(headers -> headers.setBasicAuth(username, password))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart(file)))
                .exchange();
    }

    private reactor.core.publisher.Mono<JsonNode> importAsync(Resource file) {
        return org.springframework.web.reactive.function.client.WebClient.create(
                        "http://localhost:" + port)
                .post().uri("/api/customers/import")
                .headers(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(multipart(file)))
                .retrieve()
                .bodyToMono(JsonNode.class);
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(
            Resource file) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", file).filename(file.getFilename());
        return body.build();
    }

    private static Resource sample(String name) {
        return new ClassPathResource("samples/" + name);
    }

    private static Resource upload(byte[] bytes, String filename) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        };
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

    /** The registry as leads-sample.customers.json describes it: phone, branch, consent, tags, complete. */
    private List<Map<String, Object>> registry() {
        JsonNode page = asAdmin().get().uri("/api/customers?size=500").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<Map<String, Object>> customers = new ArrayList<>();
        page.get("items").forEach(customer -> customers.add(Map.of(
                "phone", customer.get("phone").asString(),
                "branch", customer.get("branch").asString(),
                "consent", customer.get("consent").asBoolean(),
                "tags", json.convertValue(customer.get("tags"), new TypeReference<List<String>>() { }),
                "complete", customer.get("complete").asBoolean())));
        customers.sort(Comparator.comparing(customer -> (String) customer.get("phone")));
        return customers;
    }

    private static List<Map<String, Object>> expectedRegistry() throws Exception {
        List<Map<String, Object>> expected = json.readValue(
                new ClassPathResource("samples/leads-sample.customers.json").getInputStream(),
                new TypeReference<List<Map<String, Object>>>() { });
        expected.sort(Comparator.comparing(customer -> (String) customer.get("phone")));
        return expected;
    }

    private JsonNode page(java.util.function.Function<org.springframework.web.util.UriBuilder, org.springframework.web.util.UriBuilder> query) {
        return asAdmin().get().uri(uri -> query.apply(uri.path("/api/customers")).build())
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static int expectedWithTag(String tag) throws Exception {
        return (int) expectedRegistry().stream().filter(customer -> ((List<?>) customer.get("tags")).contains(tag)).count();
    }

    private static List<String> rowsAndColumns(JsonNode rejected) {
        List<String> rows = new ArrayList<>();
        rejected.forEach(entry -> rows.add(entry.get("row").asInt() + ":" + entry.get("column").asString()));
        return rows;
    }
}
