package io.baifang.templates;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.baifang.templates.TemplateFixture.template;
import static io.baifang.templates.TemplateFixture.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendering is strict, plain text, and framed by the renderer: signature always, opt-out line on marketing. */
class MessageRendererTests {

    @TempDir
    Path folder;

    @Test
    void aMarketingMessageGetsTheSignatureInFrontAndTheOptOutLineAtTheEnd() {
        MessageTemplates templates = templates(folder, template("invite", "MARKETING", "{{name}}您好，明天有活动。", "name"));

        RenderedMessage message = templates.render("invite", Map.of("name", "王秀英"));

        assertThat(message.text()).isEqualTo("【百访银行】王秀英您好，明天有活动。回T退订");
        assertThat(message.category()).isEqualTo(TemplateCategory.MARKETING);
    }

    @Test
    void aTransactionalMessageGetsTheSignatureButNoOptOutLine() {
        MessageTemplates templates = templates(folder, template("confirm", "TRANSACTIONAL", "已为您约好{{day}}", "day"));

        assertThat(templates.render("confirm", Map.of("day", "明天")).text()).isEqualTo("【百访银行】已为您约好明天");
    }

    @Test
    void aMissingVariableStopsRenderingAndEveryMissingOneIsNamedInTheOrderTheBodyUsesThem() {
        MessageTemplates templates = templates(folder,
                template("invite", "MARKETING", "{{name}}您好，{{day}}我们{{branch}}有活动。", "name", "day", "branch"));

        assertThatThrownBy(() -> templates.render("invite", Map.of("day", "明天")))
                .isInstanceOfSatisfying(MissingVariablesException.class, missing -> {
                    assertThat(missing.names()).containsExactly("name", "branch");
                    assertThat(missing.templateId()).isEqualTo("invite");
                })
                .hasMessage("template invite needs variables name, branch, which were not given");
    }

    @Test
    void aBlankOrNullValueIsMissingNotABlankInTheMessage() {
        MessageTemplates templates = templates(folder, template("invite", "MARKETING", "{{name}}您好。", "name"));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("name", null);

        assertThatThrownBy(() -> templates.render("invite", Map.of("name", "  ")))
                .isInstanceOf(MissingVariablesException.class).hasMessageContaining("variable name");
        assertThatThrownBy(() -> templates.render("invite", withNull))
                .isInstanceOf(MissingVariablesException.class);
        assertThatThrownBy(() -> templates.render("invite", null, null, null))
                .isInstanceOf(MissingVariablesException.class);
    }

    @Test
    void valuesAreNotHtmlEscapedBecauseAnSmsIsPlainText() {
        MessageTemplates templates = templates(folder, template("plain", "TRANSACTIONAL", "活动：{{activity}}", "activity"));

        assertThat(templates.render("plain", Map.of("activity", "米&油 <满100送10> \"好礼\" 'A'")).text())
                .isEqualTo("【百访银行】活动：米&油 <满100送10> \"好礼\" 'A'");
    }

    @Test
    void aValueThatLooksLikeATagIsPrintedAsItIs() {
        MessageTemplates templates = templates(folder, template("plain", "TRANSACTIONAL", "您好{{name}}", "name"));

        assertThat(templates.render("plain", Map.of("name", "{{secret}}")).text()).isEqualTo("【百访银行】您好{{secret}}");
    }

    @Test
    void extraVariablesAreIgnoredSoACallerMayPassAllItKnows() {
        MessageTemplates templates = templates(folder, template("plain", "TRANSACTIONAL", "您好{{name}}", "name"));

        assertThat(templates.render("plain", Map.of("name", "王", "branchPhone", "023")).text())
                .isEqualTo("【百访银行】您好王");
    }

    @Test
    void datesAndTimesReadTheWayACustomerWritesThem() {
        MessageTemplates templates = templates(folder,
                template("confirm", "TRANSACTIONAL", "约在{{day}}{{time}}", "day", "time"));

        assertThat(templates.render("confirm", Map.of("day", LocalDate.of(2027, 2, 3), "time", LocalTime.of(9, 30)))
                .text()).isEqualTo("【百访银行】约在2月3日9:30");
    }

    @Test
    void theCostIsSegmentsTimesThePriceOfTheChannel() {
        MessageTemplates templates = templates(folder, template("long", "TRANSACTIONAL", "{{text}}", "text"));
        Map<String, String> hundredChinese = Map.of("text", "中".repeat(100));

        RenderedMessage sms = templates.render("long", null, hundredChinese, MessageChannel.SMS);
        RenderedMessage whatsApp = templates.render("long", null, hundredChinese, MessageChannel.WHATSAPP);

        assertThat(sms.characters()).isEqualTo(106);
        assertThat(sms.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(sms.segments()).isEqualTo(2);
        assertThat(sms.cost()).isEqualByComparingTo(new BigDecimal("0.10"));
        assertThat(sms.currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(whatsApp.segments()).as("WhatsApp bills one message, not segments").isEqualTo(1);
        assertThat(whatsApp.cost()).isEqualByComparingTo(new BigDecimal("0.03"));
    }

    @Test
    void anAsciiTextWithTheSignatureIsStillUcs2BecauseOfTheBrackets() {
        MessageTemplates templates = templates(folder, template("hi", "TRANSACTIONAL", "Hello {{name}}", "name"));

        assertThat(templates.render("hi", Map.of("name", "Li")).encoding()).isEqualTo(TextEncoding.UCS2);
    }

    @Test
    void variantsAreChosenByIdAndTheFirstIsTheDefault() {
        MessageTemplates templates = templates(folder, """
                id: invite
                name: 邀约
                category: MARKETING
                channels: [SMS]
                variables:
                  name: {description: 客户姓名, example: 王秀英}
                variants:
                  - id: A
                    body: "{{name}}您好，明天有活动。"
                  - id: B
                    weight: 3
                    body: "{{name}}，明天来网点领礼品吧！"
                """);

        assertThat(templates.render("invite", Map.of("name", "王")).variantId()).isEqualTo("A");
        assertThat(templates.render("invite", "B", Map.of("name", "王"), null).text())
                .isEqualTo("【百访银行】王，明天来网点领礼品吧！回T退订");
        assertThat(templates.find("invite").orElseThrow().variants())
                .extracting(TemplateVariant::id, TemplateVariant::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 1), org.assertj.core.groups.Tuple.tuple("B", 3));
    }

    @Test
    void anUnknownTemplateVariantOrChannelIsRefusedWithWhatThereIs() {
        MessageTemplates templates = templates(folder, template("invite", "MARKETING", "{{name}}您好。", "name"));
        Map<String, String> name = Map.of("name", "王");

        assertThatThrownBy(() -> templates.render("nope", name))
                .isInstanceOf(UnknownTemplateException.class).hasMessage("no template nope");
        assertThatThrownBy(() -> templates.render("invite", "B", name, null))
                .isInstanceOf(TemplateNotApplicableException.class)
                .hasMessage("template invite has no variant 'B' (it has default)");
        assertThatThrownBy(() -> templates.render("invite", null, name, MessageChannel.WEBCHAT))
                .isInstanceOf(TemplateNotApplicableException.class)
                .hasMessage("template invite is not for WEBCHAT (it is for SMS, WHATSAPP)");
    }
}
