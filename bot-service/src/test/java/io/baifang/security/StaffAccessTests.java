package io.baifang.security;

import java.util.List;
import java.util.Map;

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

/** Sign-in, roles and the users API, as a client sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + StaffAccessTests.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/security-${random.uuid}"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
class StaffAccessTests {

    static final String ADMIN_PASSWORD = "admin-test-password";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void onlyTheBootstrapAdminExists() {
        db.sql("delete from staff_users where username <> 'admin'").then().block();
    }

    @Test
    void withoutCredentialsTheApiAnswers401AsAProblem() {
        web.get().uri("/api/branches").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"baifang\"");
        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("admin", "wrong")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theBootstrapAdminSignsInWithTheConfiguredPassword() {
        asAdmin().get().uri("/api/branches").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].code").isEqualTo("JLP001");
    }

    @Test
    void anAdminCreatesStaffWhoMayNotManageUsers() {
        createUser("li.na", "STAFF", List.of("JLP001")).expectStatus().isCreated()
                .expectBody().jsonPath("$.branches[0]").isEqualTo("JLP001").jsonPath("$.password").doesNotExist();

        web.get().uri("/api/users").headers(h -> h.setBasicAuth("li.na", "li.na-password")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("li.na", "li.na-password")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void roleAndBranchRulesAreCheckedWithAClearMessage() {
        createUser("two.branches", "STAFF", List.of("JLP001", "JLP002")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("branches: a STAFF user works exactly one branch");
        createUser("no.branch", "MANAGER", List.of()).expectStatus().isBadRequest();
        createUser("bad.branch", "STAFF", List.of("XYZ999")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("branches: unknown branch 'XYZ999'");
        asAdmin().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"x y\",\"password\":\"long-enough\",\"role\":\"BOSS\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aDuplicateUsernameIsAConflict() {
        createUser("li.na", "STAFF", List.of("JLP001")).expectStatus().isCreated();
        createUser("li.na", "STAFF", List.of("JLP002")).expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aChangedPasswordTakesEffectAtOnce() {
        createUser("li.na", "STAFF", List.of("JLP001")).expectStatus().isCreated();
        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("li.na", "li.na-password")).exchange()
                .expectStatus().isOk();

        asAdmin().patch().uri("/api/users/li.na").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "a-new-password")).exchange().expectStatus().isOk();

        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("li.na", "li.na-password")).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("li.na", "a-new-password")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aDeletedUserCanNoLongerSignInAndTheLastAdminCannotBeRemoved() {
        createUser("wang.manager", "MANAGER", List.of("JLP001", "JLP002")).expectStatus().isCreated();
        asAdmin().delete().uri("/api/users/wang.manager").exchange().expectStatus().isNoContent();
        web.get().uri("/api/branches").headers(h -> h.setBasicAuth("wang.manager", "wang.manager-password")).exchange()
                .expectStatus().isUnauthorized();

        asAdmin().delete().uri("/api/users/admin").exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
        asAdmin().patch().uri("/api/users/admin").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "STAFF", "branches", List.of("JLP001")))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void usersAreListedAsAPage() {
        createUser("li.na", "STAFF", List.of("JLP001")).expectStatus().isCreated();

        asAdmin().get().uri("/api/users").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].username").isEqualTo("admin")
                .jsonPath("$.items[1].username").isEqualTo("li.na");
    }

    @Test
    void healthIsOpenAndMetricsNeedAnAdmin() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        asAdmin().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec createUser(String username, String role, List<String> branches) {
        return asAdmin().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", username + "-password", "role", role,
                        "branches", branches))
                .exchange();
    }

    private WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }
}
