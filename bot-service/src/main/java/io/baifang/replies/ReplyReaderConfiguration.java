package io.baifang.replies;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring, kept thin: the reader is built once from the lexicon in {@code ${baifang.config-dir}/lexicons/}. */
@Configuration(proxyBeanMethods = false)
class ReplyReaderConfiguration {

    @Bean
    ReplyReader replyReader(@Value("${baifang.config-dir:config}") String configDir) {
        // a malformed lexicon file fails the start-up here, naming the file and the line
        return ReplyReader.fromConfigDir(Path.of(configDir));
    }
}
