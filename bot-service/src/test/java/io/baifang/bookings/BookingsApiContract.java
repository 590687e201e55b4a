package io.baifang.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.shared.ApiFixture;
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

/**
 * Bookings as staff meet them: {@code /api/bookings} to book, list a day, check in and cancel. Run on the embedded
 * default (H2) and in production mode (PostgreSQL). Every branch of the shipped network is open daily 08:30–17:30.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + BookingsApiContract.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
abstract class BookingsApiContract {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** 王秀英 of JLP002 */
    static final String AT_JLP002 = "+8613065517455";
    /** JLP001 */
    static final String AT_JLP001 = "+8613240823244";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void startFromAnEmptyRegistry() {
        for (String table : List.of("bookings", "contact_log", "customer_provenance", "lead_import_rejections",
                "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
        ApiFixture.importSampleSheet(asAdmin());
    }

    @Test
    void staffBookAVisitSeeItInTheDaysListAndCheckTheVisitorIn() {
        String customer = ApiFixture.customerIdByPhone(asAdmin(), AT_JLP002);
        JsonNode booked = asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", customer, "date", today.plusDays(1).toString(), "time", "10:00",
                        "note", "电访约好"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/bookings/[0-9a-f-]{36}")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(booked.get("status").asString()).isEqualTo("BOOKED");
        assertThat(booked.get("branch").asString()).isEqualTo("JLP002");
        assertThat(booked.get("time").asString()).isEqualTo("10:00:00");
        assertThat(booked.get("partOfDay").asString()).isEqualTo("MORNING");
        assertThat(booked.get("phone").asString()).isEqualTo(AT_JLP002);
        assertThat(booked.get("createdBy").asString()).isEqualTo("admin");
        String id = booked.get("id").asString();

        JsonNode day = asAdmin().get().uri("/api/bookings?branch=JLP002&date=" + today.plusDays(1)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(day).hasSize(1);
        assertThat(day.get(0).get("id").asString()).isEqualTo(id);
        assertThat(day.get(0).get("customerName").asString()).isNotBlank();
        assertThat(asAdmin().get().uri("/api/bookings?branch=JLP002&date=" + today).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()).isEmpty();

        JsonNode visited = asAdmin().post().uri("/api/bookings/" + id + "/check-in")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "存款5万", "converted", true))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(visited.get("status").asString()).isEqualTo("VISITED");
        assertThat(visited.get("outcome").asString()).isEqualTo("存款5万");
        assertThat(visited.get("converted").asBoolean()).isTrue();
        assertThat(visited.get("checkedInBy").asString()).isEqualTo("admin");
        assertThat(visited.get("checkedInAt").isNull()).isFalse();

        asAdmin().post().uri("/api/bookings/" + id + "/check-in").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("the visit was already checked in at"));
    }

    @Test
    void aCustomerHoldsOneStandingBookingAndOneWhoseDayPassedBecomesANoShow() {
        String customer = ApiFixture.customerIdByPhone(asAdmin(), AT_JLP002);
        String first = book(customer, today.plusDays(2)).get("id").asString();

        JsonNode twice = asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", customer, "date", today.plusDays(3).toString()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(twice.get("bookingId").asString()).isEqualTo(first);

        // cancelled, it no longer stands in the way
        assertThat(asAdmin().post().uri("/api/bookings/" + first + "/cancel").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("status").asString())
                .isEqualTo("CANCELLED");
        asAdmin().post().uri("/api/bookings/" + first + "/check-in").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        String second = book(customer, today).get("id").asString();

        // the day passes without a visit: booking again marks it a no-show
        db.sql("update bookings set visit_date = :yesterday where id = :id")
                .bind("yesterday", today.minusDays(1)).bind("id", UUID.fromString(second)).then().block();
        String third = book(customer, today.plusDays(1)).get("id").asString();
        assertThat(status(second)).isEqualTo("NO_SHOW");
        assertThat(status(third)).isEqualTo("BOOKED");
        assertThat(status(first)).isEqualTo("CANCELLED");
    }

    @Test
    void whatCannotBeBookedGetsAProblemNamingTheField() {
        String customer = ApiFixture.customerIdByPhone(asAdmin(), AT_JLP002);
        assertThat(fieldOf(refused(Map.of("customerId", customer, "date", today.minusDays(1).toString()))))
                .isEqualTo("date");
        assertThat(fieldOf(refused(Map.of("customerId", customer, "date", today.plusDays(1).toString(),
                "time", "07:00")))).isEqualTo("time");
        assertThat(fieldOf(refused(Map.of("customerId", customer, "date", today.plusDays(1).toString(),
                "time", "15:00", "partOfDay", "MORNING")))).isEqualTo("partOfDay");
        asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("date", today.toString()))
                .exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", customer, "date", today.toString(), "partOfDay", "LUNCH"))
                .exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", UUID.randomUUID().toString(), "date", today.toString()))
                .exchange().expectStatus().isNotFound();
        asAdmin().get().uri("/api/bookings?branch=NOPE01").exchange().expectStatus().isBadRequest();
        assertThat(db.sql("select count(*) as n from bookings").map(row -> ((Number) row.get("n")).longValue())
                .one().block()).isZero();
    }

    @Test
    void staffOfAnotherBranchNeitherSeeNorTouchItsBookings() {
        String atJlp002 = book(ApiFixture.customerIdByPhone(asAdmin(), AT_JLP002), today).get("id").asString();
        String atJlp001 = book(ApiFixture.customerIdByPhone(asAdmin(), AT_JLP001), today).get("id").asString();
        ApiFixture.createUser(asAdmin(), "li", "STAFF", "JLP001");
        WebTestClient li = web.mutate().defaultHeaders(headers -> headers.setBasicAuth("li", "li-password")).build();

        li.get().uri("/api/bookings/" + atJlp002).exchange().expectStatus().isNotFound();
        li.post().uri("/api/bookings/" + atJlp002 + "/check-in").exchange().expectStatus().isNotFound();
        li.post().uri("/api/bookings/" + atJlp002 + "/cancel").exchange().expectStatus().isNotFound();
        li.get().uri("/api/bookings?branch=JLP002").exchange().expectStatus().isForbidden();
        li.post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", ApiFixture.customerIdByPhone(asAdmin(), AT_JLP002),
                        "date", today.plusDays(1).toString()))
                .exchange().expectStatus().isNotFound();

        JsonNode theirDay = li.get().uri("/api/bookings").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(theirDay).hasSize(1);
        assertThat(theirDay.get(0).get("id").asString()).isEqualTo(atJlp001);
        assertThat(status(atJlp002)).isEqualTo("BOOKED");
        li.post().uri("/api/bookings/" + atJlp001 + "/check-in").exchange().expectStatus().isOk();
    }

    private JsonNode book(String customer, LocalDate date) {
        return asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerId", customer, "date", date.toString()))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String status(String booking) {
        return asAdmin().get().uri("/api/bookings/" + booking).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("status").asString();
    }

    private JsonNode refused(Map<String, ?> request) {
        return asAdmin().post().uri("/api/bookings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String fieldOf(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asString();
    }

    WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}
