package io.baifang.templates;

import io.baifang.shared.BaifangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemplatesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TemplatesConfiguration.class);

    /** Loaded once at start-up: a bad file stops the service with a message naming it. */
    @Bean
    MessageTemplates messageTemplates(BaifangProperties baifang, TemplatesProperties properties) {
        MessageTemplates templates = new MessageTemplates(TemplateFiles.load(baifang.templatesDir()),
                new MessageRenderer(properties.frame(), properties.pricing()));
        log.info("Loaded {} message templates from {}", templates.all().size(), baifang.templatesDir().toAbsolutePath());
        return templates;
    }
}
