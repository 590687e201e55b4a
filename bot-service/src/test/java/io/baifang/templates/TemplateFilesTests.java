package io.baifang.templates;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.baifang.templates.TemplateFixture.template;
import static io.baifang.templates.TemplateFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A bad template file stops the start-up with a message that names the file and what to fix. */
class TemplateFilesTests {

    @TempDir
    Path folder;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("a body using an undeclared variable",
                        template("invite", "MARKETING", "{{name}}您好，{{day}}有活动。", "name"),
                        "(invite): body uses undeclared variable day; declare it under variables (declared: name)"),
                arguments("a declared variable no body uses",
                        template("invite", "MARKETING", "{{name}}您好。", "name", "branchPhone"),
                        "(invite): variable branchPhone declared but never used in the body"),
                arguments("an empty body",
                        template("invite", "MARKETING", "   ", "name").replace("variables:\n  name:\n"
                                + "    description: 说明\n    example: 例子\n", ""),
                        "(invite): body is empty"),
                arguments("an unknown category",
                        template("invite", "PROMOTION", "您好。"),
                        "(invite): category 'PROMOTION' is not known (MARKETING or TRANSACTIONAL)"),
                arguments("a missing category",
                        template("invite", "MARKETING", "您好。").replace("category: MARKETING\n", ""),
                        "(invite): category is required"),
                arguments("an unknown channel",
                        template("invite", "MARKETING", "您好。").replace("[SMS, WHATSAPP]", "[SMS, WECHAT]"),
                        "(invite): channel 'WECHAT' is not known (SMS, WHATSAPP, WEBCHAT)"),
                arguments("no channels",
                        template("invite", "MARKETING", "您好。").replace("[SMS, WHATSAPP]", "[]"),
                        "(invite): channels must be a non-empty list"),
                arguments("a hand-written opt-out line",
                        template("invite", "MARKETING", "明天有活动。回T退订"),
                        "(invite): body contains 退订: the opt-out line is added by the renderer"),
                arguments("a hand-written signature",
                        template("invite", "TRANSACTIONAL", "【百访银行】您好"),
                        "(invite): body contains 【 】: the sender signature is added by the renderer"),
                arguments("a section",
                        template("invite", "MARKETING", "{{#name}}{{name}}{{/name}}您好。", "name"),
                        "{{#name}} (sections are not supported: every variable is required)"),
                arguments("a partial",
                        template("invite", "MARKETING", "{{>footer}}您好。"),
                        "{{>footer}} (partials are not supported)"),
                arguments("a dotted name",
                        template("invite", "MARKETING", "{{customer.name}}您好。"),
                        "{{customer.name}} is not a plain variable name"),
                arguments("an unclosed tag",
                        template("invite", "MARKETING", "{{name您好。", "name"),
                        "(invite): body: unclosed or stray {{ }} in \"{{name您好。\""),
                arguments("a marketing body that does not end a sentence before the opt-out line",
                        template("invite", "MARKETING", "明天有活动"),
                        "(invite): body must end with sentence punctuation"),
                arguments("an unknown field",
                        template("invite", "MARKETING", "您好。") + "sender: 农商行\n",
                        "(invite): unknown field 'sender'"),
                arguments("an id that is not lower-case",
                        template("Visit_Invite", "MARKETING", "您好。"),
                        ": id 'Visit_Invite' must be lower-case letters, digits and '-'"),
                arguments("both a body and variants",
                        template("invite", "MARKETING", "您好。") + "variants:\n  - id: A\n    body: 您好。\n",
                        "(invite): give either a body or a list of variants, not both"),
                arguments("a variable without an example",
                        template("invite", "MARKETING", "{{name}}您好。", "name").replace("    example: 例子\n", ""),
                        "(invite): variables.name: example is required"),
                arguments("a variant id twice", """
                        id: invite
                        name: 邀约
                        category: MARKETING
                        channels: [SMS]
                        variants:
                          - {id: A, body: 您好。}
                          - {id: A, body: 你好。}
                        """, "(invite): variants #2: variant id 'A' appears twice"),
                arguments("a variant weight of zero", """
                        id: invite
                        name: 邀约
                        category: MARKETING
                        channels: [SMS]
                        variants:
                          - {id: A, body: 您好。, weight: 0}
                        """, "(invite): variants #1: weight must be a whole number above 0"),
                arguments("a file that is not YAML", "id: [unclosed\n", " is not readable YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileFailsNamingTheFileAndTheProblem(String problem, String yaml, String expected) {
        Path file = write(folder, "bad.yml", yaml);

        assertThatThrownBy(() -> TemplateFiles.load(folder))
                .isInstanceOf(InvalidTemplateFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void twoFilesWithTheSameIdFailNamingBoth() {
        Path first = write(folder, "a-invite.yml", template("invite", "MARKETING", "您好。"));
        Path second = write(folder, "b-invite.yml", template("invite", "MARKETING", "你好。"));

        assertThatThrownBy(() -> TemplateFiles.load(folder))
                .isInstanceOf(InvalidTemplateFileException.class)
                .hasMessage(second + ": id 'invite' is already used by " + first);
    }

    @Test
    void aMissingFolderFailsSayingWhichSettingPointsAtIt() {
        assertThatThrownBy(() -> TemplateFiles.load(folder.resolve("nowhere")))
                .isInstanceOf(InvalidTemplateFileException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("baifang.templates-dir (BAIFANG_TEMPLATES_DIR)");
    }

    @Test
    void onlyYamlFilesAreTemplatesSoTheFolderMayHoldAReadme() {
        write(folder, "README.md", "# templates");
        write(folder, "invite.yaml", template("invite", "MARKETING", "您好。"));
        write(folder, "confirm.yml", template("confirm", "TRANSACTIONAL", "好的"));

        assertThat(TemplateFiles.load(folder)).extracting(loaded -> loaded.template().id())
                .containsExactlyInAnyOrder("invite", "confirm");
    }

    @Test
    void aTemplateKnowsWhichVariablesEachVariantUses() {
        write(folder, "invite.yml", template("invite", "MARKETING", "{{name}}您好，{{day}}来。{{name}}！", "day", "name"));

        TemplateVariant variant = TemplateFiles.load(folder).get(0).template().variants().get(0);

        assertThat(variant.id()).isEqualTo(TemplateVariant.DEFAULT_ID);
        assertThat(variant.variables()).containsExactly("name", "day");
    }
}
