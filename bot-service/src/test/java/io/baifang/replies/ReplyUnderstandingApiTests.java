package io.baifang.replies;

import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** POST /api/replies/understand in the running application: signed in, the shipped lexicon, the contract's answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=admin-test-password",
        "spring.flyway.clean-disabled=false",
        "baifang.data-dir=${java.io.tmpdir}/baifang-tests/replies-${random.uuid}"})
@AutoConfigureWebTestClient
@Import(TestDatabase.class)
class ReplyUnderstandingApiTests {

    @Autowired
    WebTestClient web;

    @Test
    void aSignedInUserGetsTheContractsAnswerForAReply() {
        web.post().uri("/api/replies/understand")
                .headers(headers -> headers.setBasicAuth("admin", "admin-test-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"好的,明天上午十点过来\",\"receivedAt\":\"2027-02-03T14:20:00+08:00\",\"offeredDate\":\"2027-02-04\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"intent\":\"BOOK\",\"date\":\"2027-02-04\",\"time\":\"10:00\",\"partOfDay\":\"MORNING\"}", true);
    }

    @Test
    void anOptOutNamesNoDay() {
        web.post().uri("/api/replies/understand")
                .headers(headers -> headers.setBasicAuth("admin", "admin-test-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"明天别再发了,退订\",\"receivedAt\":\"2027-02-03T14:20:00+08:00\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"intent\":\"OPT_OUT\",\"date\":null,\"time\":null,\"partOfDay\":null}", true);
    }

    @Test
    void withoutCredentialsTheReaderIsNotReachable() {
        web.post().uri("/api/replies/understand").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"好的\",\"receivedAt\":\"2027-02-03T14:20:00+08:00\"}")
                .exchange()
                .expectStatus().isUnauthorized();
    }
}
