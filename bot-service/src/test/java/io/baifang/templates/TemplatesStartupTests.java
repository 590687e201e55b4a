package io.baifang.templates;

import java.nio.file.Path;

import io.baifang.shared.BaifangProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static io.baifang.templates.TemplateFixture.template;
import static io.baifang.templates.TemplateFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The service does not start with a bad template, and says which file to fix; settings have sane defaults. */
class TemplatesStartupTests {

    @TempDir
    Path folder;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({BaifangProperties.class, TemplatesProperties.class})
    static class Settings {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, TemplatesConfiguration.class)
                .withPropertyValues("baifang.templates-dir=" + folder);
    }

    @Test
    void aBadTemplateFileStopsTheStartUpNamingTheFile() {
        Path bad = write(folder, "visit-invitation.yml", template("visit-invitation", "MARKETING", "{{name}}您好。"));

        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidTemplateFileException.class)
                    .hasMessageStartingWith(bad.toString())
                    .hasMessageContaining("undeclared variable name");
        });
    }

    @Test
    void aSignatureWithBracketsStopsTheStartUp() {
        write(folder, "clarify.yml", template("clarify", "TRANSACTIONAL", "您好"));

        runner().withPropertyValues("baifang.templates.signature=【百访银行】").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("without 【 】"));
    }

    @Test
    void theShippedFolderLoadsWithTheDemoSignatureAndPrices() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, TemplatesConfiguration.class)
                .withPropertyValues("baifang.templates.price-per-segment.WHATSAPP=0.2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TemplatesProperties properties = context.getBean(TemplatesProperties.class);
                    assertThat(properties.signature()).isEqualTo("百访银行");
                    assertThat(properties.optOutLine()).isEqualTo("回T退订");
                    assertThat(properties.pricePerSegment().get(MessageChannel.SMS)).isEqualByComparingTo("0.05");
                    assertThat(properties.pricePerSegment().get(MessageChannel.WHATSAPP)).isEqualByComparingTo("0.2");
                    assertThat(properties.pricePerSegment().get(MessageChannel.WEBCHAT)).isEqualByComparingTo("0");
                    assertThat(context.getBean(MessageTemplates.class).all()).hasSize(13);
                });
    }
}
