package io.baifang.channels.webchat;

import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java rules of web chat: what a customer may send, how fast, and the tokens. */
class WebChatRulesTests {

    private static final Instant T0 = Instant.parse("2026-12-04T02:00:00Z");

    @ParameterizedTest(name = "[{0}] [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "client-0001          | 明天上午来      | ACCEPTED",
            "7f7c0e2a-9b1d-4c3e-8f00-1234567890ab | 好 | ACCEPTED",
            "NULL                 | 好              | INVALID_CLIENT_ID",
            "short                | 好              | INVALID_CLIENT_ID",
            "has space here       | 好              | INVALID_CLIENT_ID",
            "<script>alert(1)     | 好              | INVALID_CLIENT_ID",
            "client-0002          | NULL            | EMPTY_TEXT",
            "client-0003          | '   '           | EMPTY_TEXT"})
    void aCustomersMessageNeedsAClientIdAndText(String clientId, String text, String expected) {
        CustomerText.Checked checked = CustomerText.check(clientId, text);

        String code = checked instanceof CustomerText.Checked.Refused refused ? refused.code() : "ACCEPTED";
        assertThat(code).isEqualTo(expected);
    }

    @Test
    void textIsStrippedAndMayBeAsLongAsTheStoreHoldsButNoLonger() {
        CustomerText.Checked fits = CustomerText.check("client-0001", " " + "好".repeat(4000) + "\n");
        CustomerText.Checked tooLong = CustomerText.check("client-0001", "好".repeat(4001));

        assertThat(fits).isEqualTo(new CustomerText.Checked.Accepted("client-0001", "好".repeat(4000)));
        assertThat(tooLong).isInstanceOfSatisfying(CustomerText.Checked.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo("TEXT_TOO_LONG");
            assertThat(refused.field()).isEqualTo("text");
            assertThat(refused.detail()).startsWith("text: ").contains("4000", "4001");
        });
    }

    @Test
    void aCustomerMaySendABurstThenOneMessagePerInterval() {
        SendAllowance allowance = new SendAllowance(3, Duration.ofSeconds(2), T0);

        assertThat(allowance.take(T0)).isInstanceOf(SendAllowance.Decision.Allowed.class);
        assertThat(allowance.take(T0)).isInstanceOf(SendAllowance.Decision.Allowed.class);
        assertThat(allowance.take(T0.plusMillis(500))).isInstanceOf(SendAllowance.Decision.Allowed.class);
        assertThat(allowance.take(T0.plusMillis(600)))
                .isInstanceOfSatisfying(SendAllowance.Decision.Wait.class, wait ->
                        assertThat(wait.atLeast()).isEqualTo(Duration.ofMillis(1400)));
        assertThat(allowance.take(T0.plusSeconds(2))).isInstanceOf(SendAllowance.Decision.Allowed.class);
        assertThat(allowance.take(T0.plusSeconds(2))).isInstanceOf(SendAllowance.Decision.Wait.class);
        assertThat(allowance.isFull(T0.plusSeconds(7))).isFalse();
        assertThat(allowance.isFull(T0.plusSeconds(8))).isTrue();
    }

    @Test
    void aTokenIs256RandomBitsUrlSafeAndOnlyItsHashIsKept() {
        ChatTokens tokens = new ChatTokens(new SecureRandom());
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = tokens.next();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(ChatTokens.wellFormed(token)).isTrue();
            made.add(token);
        }

        assertThat(made).hasSize(1000);
        assertThat(ChatTokens.hashOf("A".repeat(43))).hasSize(64).isNotEqualTo(ChatTokens.hashOf("B".repeat(43)));
        assertThat(ChatTokens.wellFormed("chat.js")).isFalse();
        assertThat(ChatTokens.wellFormed("A".repeat(42))).isFalse();
        assertThat(ChatTokens.wellFormed(null)).isFalse();
    }

    @Test
    void aResentMessageHasTheSameProviderIdAndTwoCustomersNeverShareOne() {
        UUID one = UUID.fromString("0192f000-0000-7000-8000-000000000001");
        UUID two = UUID.fromString("0192f000-0000-7000-8000-000000000002");

        String resent = CustomerChat.providerIdOf(one, "client-0001");

        assertThat(CustomerChat.providerIdOf(one, "client-0001")).isEqualTo(resent);
        assertThat(CustomerChat.providerIdOf(two, "client-0001")).isNotEqualTo(resent);
        assertThat(CustomerChat.providerIdOf(one, "c".repeat(64))).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void theRulesStayFreeOfSpringAndReactorAndNeverReadTheClock() {
        var classes = new ClassFileImporter().importClasses(CustomerText.class, CustomerText.Checked.class,
                CustomerText.Checked.Accepted.class, CustomerText.Checked.Refused.class, SendAllowance.class,
                SendAllowance.Decision.class, ChatTokens.class);

        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                .orShould().callMethod(Instant.class, "now")
                .check(classes);
    }
}
