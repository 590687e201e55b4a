package io.baifang.channels.webchat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.baifang.shared.ApiFixture;
import io.baifang.shared.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web chat through the running application, as a customer's page and staff use it: chat links, the page, the
 * socket (a real WebSocket client) and the HTTP fallback, and what is stored. Runs on the embedded default and
 * in production mode (PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baifang.admin.password=" + WebChatContract.ADMIN_PASSWORD,
        "spring.flyway.clean-disabled=false",
        "baifang.contact-policy.quiet-hours.enabled=false",
        "baifang.public-base-url=https://chat.example.test",
        "baifang.channels.webchat.burst=3",
        "baifang.channels.webchat.refill-every=PT1M",
        "baifang.channels.sweep-interval=PT1H",
        // the refused handshakes these tests provoke are expected: no stack traces from the test's own client
        "logging.level.reactor.netty.http.client=error"})
@AutoConfigureWebTestClient
@Import({TestDatabase.class, WebChatTestEvents.class})
abstract class WebChatContract {

    static final String ADMIN_PASSWORD = "admin-test-password";

    /** 熊华桂, JLP002 */
    static final String CUSTOMER_PHONE = "+8613065517455";
    /** 曹丽, JLP002 */
    static final String OTHER_PHONE = "+8613532221271";

    private static final String THANKS = "{\"templateId\":\"greeting-thanks\",\"channel\":\"WEBCHAT\"}";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebChatTestEvents.Received received;

    @LocalServerPort
    int port;

    String customer;

    @BeforeEach
    void startFromAnEmptyRegistry() {
        for (String table : List.of("chat_links", "message_status_history", "messages", "contact_log",
                "customer_provenance", "lead_import_rejections", "lead_imports", "customers")) {
            db.sql("delete from " + table).then().block();
        }
        db.sql("delete from staff_users where username <> 'admin'").then().block();
        ApiFixture.importSampleSheet(asAdmin());
        customer = ApiFixture.customerIdByPhone(asAdmin(), CUSTOMER_PHONE);
        awaitContactsDecided();
        received.events.clear();
    }

    // --- chat links

    @Test
    void staffMakeAChatLinkWhoseUrlIsShownOnceAndOnlyTheTokensHashIsStored() {
        JsonNode made = asAdmin().post().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/customers/" + customer + "/chat-link")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        String url = made.get("url").asString();
        assertThat(url).matches("https://chat\\.example\\.test/chat/[A-Za-z0-9_-]{43}");
        assertThat(made.get("createdBy").asString()).isEqualTo("admin");
        assertThat(made.get("expiresAt").asString()).isNotBlank();
        JsonNode read = asAdmin().get().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(read.get("id").asString()).isEqualTo(made.get("id").asString());
        assertThat(read.get("url").isNull()).isTrue();
        String token = tokenOf(url);
        assertThat(count("select count(*) as n from chat_links where token_hash = '" + ChatTokens.hashOf(token) + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) as n from chat_links where token_hash = '" + token + "'")).isZero();
    }

    @Test
    void aCustomerWithoutALinkHasNoneToReadAndStaffOfAnotherBranchSeeNoLinkAtAll() {
        asAdmin().get().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("chat-link"));
        ApiFixture.createUser(asAdmin(), "jlp001-staff", "STAFF", "JLP001");
        ApiFixture.createUser(asAdmin(), "jlp002-staff", "STAFF", "JLP002");

        as("jlp001-staff").post().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isNotFound();
        as("jlp001-staff").get().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isNotFound();
        as("jlp001-staff").delete().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isNotFound();
        web.post().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isUnauthorized();
        assertThat(count("select count(*) as n from chat_links")).isZero();

        as("jlp002-staff").post().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.createdBy").isEqualTo("jlp002-staff");
    }

    @Test
    void sendingOnWebChatToACustomerWithoutALinkIs422AndNothingIsStoredOrCounted() {
        sendThanks().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("no active web chat link", "nothing was sent"));

        assertThat(count("select count(*) as n from messages")).isZero();
        assertThat(count("select count(*) as n from contact_log")).isZero();
    }

    // --- the page

    @Test
    void thePageIsServedWithoutSignInAndAnUnknownTokenGets404() {
        String token = newLink();

        web.get().uri("/chat/{token}", token).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                        .contains("default-src 'none'", "connect-src 'self'"))
                .expectHeader().value("Cache-Control", cache -> assertThat(cache).contains("no-store"))
                .expectBody(String.class).value(html -> assertThat(html).contains("在线咨询", "/chat/assets/chat.js"));
        web.get().uri("/chat/assets/chat.js").exchange().expectStatus().isOk();
        web.get().uri("/chat/assets/chat.css").exchange().expectStatus().isOk();

        web.get().uri("/chat/{token}", unknownToken()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("找不到这个对话"));
        web.get().uri("/chat/not-even-a-token").exchange().expectStatus().isNotFound();
        web.get().uri("/chat/{token}/messages", unknownToken()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRevokedLinkGets410OnThePageTheFallbackAndTheSocketAndItsOpenChatIsClosed() {
        String token = newLink();
        try (ChatClient page = ChatClient.open(port, token)) {
            page.next("thread");

            asAdmin().delete().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isNoContent();

            JsonNode last = page.next("error");
            assertThat(last.get("code").asString()).isEqualTo("LINK_GONE");
            assertThat(page.closedWith()).isEqualTo(4410);
        }
        web.get().uri("/chat/{token}", token).exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE)
                .expectBody(String.class).value(html -> assertThat(html).contains("链接已失效"));
        web.get().uri("/chat/{token}/messages", token).exchange().expectStatus().isEqualTo(HttpStatus.GONE);
        web.post().uri("/chat/{token}/messages", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"clientId\":\"client-0001\",\"text\":\"在吗\"}").exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE);
        assertThat(ChatClient.refusedHandshake(port, token)).contains("410");
        asAdmin().get().uri("/api/customers/{id}/chat-link", customer).exchange().expectStatus().isNotFound();
        sendThanks().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    // --- the socket

    @Test
    void anUnknownTokenIsRefusedAtTheHandshake() {
        assertThat(ChatClient.refusedHandshake(port, unknownToken())).contains("404");
        assertThat(ChatClient.refusedHandshake(port, "short")).contains("404");
    }

    @Test
    void aPageOfAnotherSiteMayNotOpenTheSocketButThisServicesPagesMay() {
        String token = newLink();

        assertThat(ChatClient.refusedHandshakeFrom("https://evil.example", port, token)).contains("403");
        try (ChatClient fromPublicAddress = ChatClient.openFrom("https://chat.example.test", port, token);
             ChatClient fromLocalAddress = ChatClient.openFrom("http://localhost:" + port, port, token)) {
            fromPublicAddress.next("thread");
            fromLocalAddress.next("thread");
        }
    }

    @Test
    void aCustomerMayHaveOnlyAFewChatsOpenAtOnce() {
        String token = newLink();
        List<ChatClient> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < ChatSockets.MAX_PER_CUSTOMER; i++) {
                ChatClient tab = ChatClient.open(port, token);
                tabs.add(tab);
                tab.next("thread");
            }

            assertThat(ChatClient.refusedHandshake(port, token)).contains("429");
        } finally {
            tabs.forEach(ChatClient::close);
        }
    }

    @Test
    void theSocketGetsTheThreadAndAStaffMessageLiveWhichIsStoredDeliveredInTheCustomersThread() {
        String token = newLink();
        try (ChatClient page = ChatClient.open(port, token); ChatClient secondTab = ChatClient.open(port, token)) {
            assertThat(page.next("thread").get("messages")).isEmpty();
            secondTab.next("thread");

            JsonNode accepted = sendThanks().expectStatus().isAccepted()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();

            JsonNode pushed = page.next("message").get("message");
            assertThat(pushed.get("id").asString()).isEqualTo(accepted.get("id").asString());
            assertThat(pushed.get("direction").asString()).isEqualTo("OUTBOUND");
            assertThat(pushed.get("text").asString()).startsWith("【百访银行】").contains("谢谢您");
            assertThat(secondTab.next("message").get("message").get("id").asString())
                    .isEqualTo(accepted.get("id").asString());
            assertThat(accepted.get("status").asString()).isEqualTo("DELIVERED");
        }
        JsonNode message = onlyMessage();
        assertThat(message.get("channel").asString()).isEqualTo("WEBCHAT");
        assertThat(message.get("provider").asString()).isEqualTo("webchat");
        assertThat(message.get("providerMessageId").asString()).startsWith("wc-");
        assertThat(message.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(ApiFixture.statusesOf(message)).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(db.sql("select address from messages").map(row -> row.get("address", String.class)).one().block())
                .isEqualTo(linkId());

        try (ChatClient reopened = ChatClient.open(port, token)) {
            JsonNode thread = reopened.next("thread").get("messages");
            assertThat(thread).hasSize(1);
            assertThat(thread.get(0).get("text").asString()).contains("谢谢您");
        }
    }

    @Test
    void aMessageSentWhileTheChatIsClosedWaitsSentAndIsDeliveredWhenThePageLoadsIt() {
        String token = newLink();
        sendThanks().expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("SENT");
        assertThat(onlyMessage().get("status").asString()).isEqualTo("SENT");

        JsonNode thread = web.get().uri("/chat/{token}/messages", token).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(thread.get("messages")).hasSize(1);
        assertThat(thread.get("messages").get(0).get("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(onlyMessage().get("status").asString()).isEqualTo("DELIVERED");
        assertThat(ApiFixture.statusesOf(onlyMessage())).containsExactly("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void whatTheCustomerTypesIsStoredOnceEvenWhenSentTwiceAnnouncedAndShownInTheirOtherTab() {
        String token = newLink();
        try (ChatClient page = ChatClient.open(port, token); ChatClient otherTab = ChatClient.open(port, token)) {
            page.next("thread");
            otherTab.next("thread");

            page.sendMessage("7f7c0e2a-client-1", "  明天上午10点可以吗？  ");
            JsonNode first = page.next("ack");
            page.sendMessage("7f7c0e2a-client-1", "  明天上午10点可以吗？  ");
            JsonNode again = page.next("ack");

            assertThat(first.get("clientId").asString()).isEqualTo("7f7c0e2a-client-1");
            assertThat(first.get("duplicate").asBoolean()).isFalse();
            assertThat(again.get("duplicate").asBoolean()).isTrue();
            assertThat(again.get("messageId").asString()).isEqualTo(first.get("messageId").asString());
            JsonNode shown = otherTab.next("message").get("message");
            assertThat(shown.get("id").asString()).isEqualTo(first.get("messageId").asString());
            assertThat(shown.get("direction").asString()).isEqualTo("INBOUND");
            assertThat(shown.get("text").asString()).isEqualTo("明天上午10点可以吗？");
            otherTab.receivesNothingMore();
        }
        JsonNode message = onlyMessage();
        assertThat(message.get("direction").asString()).isEqualTo("INBOUND");
        assertThat(message.get("channel").asString()).isEqualTo("WEBCHAT");
        assertThat(message.get("provider").asString()).isEqualTo("webchat");
        assertThat(message.get("customerId").asString()).isEqualTo(customer);
        assertThat(message.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(received.events).singleElement().satisfies(event -> {
            assertThat(event.customerId()).hasToString(customer);
            assertThat(event.messageId()).hasToString(message.get("id").asString());
            assertThat(event.text()).isEqualTo("明天上午10点可以吗？");
        });
    }

    @Test
    void aFrameThatIsNotAValidMessageGetsAClearErrorFrameAndNothingIsStored() {
        try (ChatClient page = ChatClient.open(port, newLink())) {
            page.next("thread");

            page.send("not json");
            assertThat(page.next("error").get("code").asString()).isEqualTo("INVALID_FRAME");
            page.send("{\"type\":\"hello\"}");
            assertThat(page.next("error").get("detail").asString()).contains("type");
            page.send("{\"type\":\"send\",\"clientId\":\"client-0002\",\"text\":42}");
            assertThat(page.next("error").get("detail").asString()).contains("text");
            page.sendMessage("client-0003", "   ");
            JsonNode empty = page.next("error");
            assertThat(empty.get("code").asString()).isEqualTo("EMPTY_TEXT");
            assertThat(empty.get("clientId").asString()).isEqualTo("client-0003");
            page.sendMessage("client-0004", "好".repeat(CustomerText.MAX_LENGTH + 1));
            assertThat(page.next("error").get("code").asString()).isEqualTo("TEXT_TOO_LONG");
            page.sendMessage("no", "好");
            assertThat(page.next("error").get("code").asString()).isEqualTo("INVALID_CLIENT_ID");
            page.sendMessage("client-0005", "好".repeat(CustomerText.MAX_LENGTH));
            assertThat(page.next("ack").get("duplicate").asBoolean()).isFalse();
        }
        assertThat(count("select count(*) as n from messages")).isEqualTo(1);
    }

    @Test
    void aCustomerWhoSendsFasterThanTheAllowanceIsToldToWaitAndThatMessageIsNotStored() {
        try (ChatClient page = ChatClient.open(port, newLink())) {
            page.next("thread");
            List<String> answers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                page.sendMessage("burst-client-" + i, "第" + i + "条");
                JsonNode answer = page.next();
                String code = answer.has("code") ? ":" + answer.get("code").asString() : "";
                answers.add(answer.get("type").asString() + code);
            }

            assertThat(answers).containsExactly("ack", "ack", "ack", "error:RATE_LIMITED");
        }
        assertThat(count("select count(*) as n from messages")).isEqualTo(3);
    }

    // --- the HTTP fallback

    @Test
    void theFallbackStoresAMessageOnceByItsClientIdAndShowsTheThread() {
        String token = newLink();
        String typed = "{\"clientId\":\"http-client-01\",\"text\":\"我想问一下存款利率\"}";

        JsonNode stored = postTyped(token, typed).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        postTyped(token, typed).expectStatus().isOk()
                .expectBody().jsonPath("$.duplicate").isEqualTo(true)
                .jsonPath("$.id").isEqualTo(stored.get("id").asString());
        postTyped(token, "{\"clientId\":\"http-client-02\",\"text\":\"\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.errors[0].message").isEqualTo("must not be empty")
                .jsonPath("$.detail").isEqualTo("text: must not be empty")
                .jsonPath("$.code").isEqualTo("EMPTY_TEXT");

        JsonNode thread = web.get().uri("/chat/{token}/messages", token).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(thread.get("messages")).hasSize(1);
        assertThat(thread.get("messages").get(0).get("text").asString()).isEqualTo("我想问一下存款利率");
        assertThat(thread.get("messages").get(0).get("direction").asString()).isEqualTo("INBOUND");
        assertThat(received.events).hasSize(1);
    }

    @Test
    void aCustomersChatShowsOnlyTheirOwnMessages() {
        String token = newLink();
        String other = ApiFixture.customerIdByPhone(asAdmin(), OTHER_PHONE);
        String otherToken = tokenOf(asAdmin().post().uri("/api/customers/{id}/chat-link", other).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("url").asString());
        postTyped(otherToken, "{\"clientId\":\"other-client-1\",\"text\":\"别人的消息\"}").expectStatus().isCreated();

        try (ChatClient page = ChatClient.open(port, token)) {
            assertThat(page.next("thread").get("messages")).isEmpty();
            postTyped(otherToken, "{\"clientId\":\"other-client-2\",\"text\":\"别人的第二条\"}").expectStatus().isCreated();
            page.receivesNothingMore();
        }
        web.get().uri("/chat/{token}/messages", token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.messages").isEmpty();
    }

    // --- helpers

    /** A fresh link of the customer; its token. */
    String newLink() {
        String url = asAdmin().post().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("url").asString();
        return tokenOf(url);
    }

    String linkId() {
        return asAdmin().get().uri("/api/customers/{id}/chat-link", customer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asString();
    }

    static String tokenOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String unknownToken() {
        return "A".repeat(43);
    }

    /** Staff send a transactional thank-you on web chat. */
    WebTestClient.ResponseSpec sendThanks() {
        return asAdmin().post().uri("/api/customers/{id}/messages", customer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(THANKS).exchange();
    }

    WebTestClient.ResponseSpec postTyped(String token, String body) {
        return web.post().uri("/chat/{token}/messages", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    JsonNode onlyMessage() {
        JsonNode thread = asAdmin().get().uri("/api/customers/{id}/messages", customer).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(thread.get("total").asInt()).isEqualTo(1);
        return thread.get("items").get(0);
    }

    long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    WebTestClient asAdmin() {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    WebTestClient as(String username) {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, username + "-password")).build();
    }

    /**
     * At start-up the contact counters are rebuilt from the contact log and sends wait (503) until then: probes
     * with a staff call to a customer no test uses, then forgets the probe's log line.
     */
    private void awaitContactsDecided() {
        String bystander = db.sql("select id from customers where consent = true and phone not in (:used) "
                        + "order by phone limit 1")
                .bind("used", List.of(CUSTOMER_PHONE, OTHER_PHONE))
                .map(row -> row.get("id", UUID.class).toString())
                .one()
                .block();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asAdmin().post().uri("/api/customers/" + bystander + "/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\":\"PHONE\",\"category\":\"MARKETING\"}")
                .exchange().expectBody().returnResult().getStatus().value() == 503) {
            assertThat(System.nanoTime()).as("contact counters rebuilt within 30 s").isLessThan(deadline);
            pause();
        }
        db.sql("delete from contact_log").then().block();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
