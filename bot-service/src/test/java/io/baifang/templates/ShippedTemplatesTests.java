package io.baifang.templates;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.baifang.templates.TemplateFixture.examplesOf;
import static io.baifang.templates.TemplateFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The scripts shipped in {@code templates/}: all there, all valid, all renderable with their examples. */
class ShippedTemplatesTests {

    private static final MessageTemplates SHIPPED = TemplateFixture.shipped();

    static Stream<MessageTemplate> shipped() {
        return SHIPPED.all().stream();
    }

    @Test
    void theCampaignsScriptsAreAllShipped() {
        assertThat(ids(SHIPPED.all())).containsExactlyInAnyOrder(
                "holiday-greeting", "visit-invitation", "points-gift", "revisit-invitation", "maturity-reminder",
                "booking-confirmation", "booking-reminder", "booking-options", "opt-out-confirmation",
                "handoff-notice", "greeting-thanks", "clarify", "chat-invitation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void everyVariantRendersOnEveryChannelWithTheExamplesOfItsVariables(MessageTemplate template) {
        Map<String, String> examples = examplesOf(template);
        for (TemplateVariant variant : template.variants()) {
            for (MessageChannel channel : template.channels()) {
                RenderedMessage message = SHIPPED.render(template.id(), variant.id(), examples, channel);

                assertThat(message.text()).startsWith("【百访银行】").doesNotContain("{{", "}}");
                assertThat(message.text().endsWith("回T退订")).isEqualTo(template.category().isMarketing());
                assertThat(message.encoding()).isEqualTo(TextEncoding.UCS2);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void everyShippedMessageFitsInTwoSmsSegmentsWithItsExamples(MessageTemplate template) {
        for (TemplateVariant variant : template.variants()) {
            RenderedMessage message = SHIPPED.render(template.id(), variant.id(), examplesOf(template), null);

            assertThat(message.segments()).as("%s/%s: %s", template.id(), variant.id(), message.text())
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void theChineseInvitationAsksWhenTheCustomerWillComeAndIsUcs2InTwoSegments() {
        MessageTemplate invitation = SHIPPED.find("visit-invitation").orElseThrow();

        RenderedMessage message = SHIPPED.render("visit-invitation", examplesOf(invitation));

        assertThat(message.text()).isEqualTo("【百访银行】王秀英您好！明天我们九龙坡区白市驿支行有存款送米面油活动，到店有礼。"
                + "请问您明天什么时候过来？直接回复时间就行，我们给您留好位置。地址：重庆市九龙坡区白市驿镇白欣路21号。回T退订");
        assertThat(message.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(message.characters()).isEqualTo(message.text().length());
        assertThat(message.segments()).isEqualTo(2);
        assertThat(invitation.variants()).extracting(TemplateVariant::id).containsExactly("A", "B");
    }

    @Test
    void theHolidayGreetingCarriesTheCardSafetyTips() {
        String body = SHIPPED.find("holiday-greeting").orElseThrow().variants().get(0).body();

        assertThat(body).contains("拜年", "不要把银行卡和密码告诉他人", "冒充客服", "公检法", "不点陌生链接");
    }

    @Test
    void onlyInvitationsAreMarketingAndConversationAnswersAreTransactional() {
        List<String> marketing = SHIPPED.all().stream().filter(template -> template.category().isMarketing())
                .map(MessageTemplate::id).toList();

        assertThat(marketing).containsExactlyInAnyOrder("holiday-greeting", "visit-invitation", "points-gift",
                "revisit-invitation", "maturity-reminder");
    }
}
