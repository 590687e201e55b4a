package io.baifang.replies;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /api/replies/understand} answers exactly the contract, and names the field it cannot read. */
class RepliesControllerTests {

    private final WebTestClient client = WebTestClient
            .bindToController(new RepliesController(new ReplyReader(Lexicon.shipped())))
            .build();

    @Test
    void answersABookingWithExactlyTheFourFieldsAndTheTimeAsHoursAndMinutes() {
        understand("""
                {"text": "好的,明天上午十点过来", "receivedAt": "2027-02-03T14:20:00+08:00", "offeredDate": "2027-02-04"}
                """)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("""
                        {"intent": "BOOK", "date": "2027-02-04", "time": "10:00", "partOfDay": "MORNING"}
                        """, JsonCompareMode.STRICT);
    }

    @Test
    void answersNullsAsNullsRatherThanLeavingThemOut() {
        understand("""
                {"text": "在开车", "receivedAt": "2027-02-03T14:50:00+08:00"}
                """)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"intent": "UNKNOWN", "date": null, "time": null, "partOfDay": null}
                        """, JsonCompareMode.STRICT);
    }

    @Test
    void readsHasBookingAndTakesTheClockFromReceivedAtInShanghaiTime() {
        // 06:30 UTC is 14:30 in Shanghai, a Wednesday: 周六 is 2027-02-06
        understand("""
                {"text": "改到周六下午3点", "receivedAt": "2027-02-03T06:30:00Z", "hasBooking": true}
                """)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"intent": "RESCHEDULE", "date": "2027-02-06", "time": "15:00", "partOfDay": "AFTERNOON"}
                        """, JsonCompareMode.STRICT);
    }

    @Test
    void refusesAMissingTextWithAProblemNamingTheField() {
        understand("""
                {"receivedAt": "2027-02-03T14:20:00+08:00"}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("text"));
    }

    @Test
    void refusesABlankTextWithAProblemNamingTheField() {
        understand("""
                {"text": "   ", "receivedAt": "2027-02-03T14:20:00+08:00"}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("text"));
    }

    @Test
    void refusesAMissingReceivedAtWithAProblemNamingTheField() {
        understand("""
                {"text": "好的"}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("receivedAt"));
    }

    @Test
    void refusesAReceivedAtThatIsNoDateTimeWithAProblemNamingTheField() {
        understand("""
                {"text": "好的", "receivedAt": "yesterday at noon"}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("receivedAt"));
    }

    @Test
    void refusesAnOfferedDateThatIsNoDateWithAProblemNamingTheField() {
        understand("""
                {"text": "好的", "receivedAt": "2027-02-03T14:20:00+08:00", "offeredDate": "04/02/2027"}
                """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("offeredDate"));
    }

    @Test
    void refusesABodyThatIsNoJsonWithAProblem() {
        understand("好的,明天来")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400);
    }

    private WebTestClient.ResponseSpec understand(String body) {
        return client.post().uri("/api/replies/understand")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
