package io.baifang.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The labelled sample shared with the whole project (shared/nlu/replies-sample.jsonl) is read as labelled. */
class ReplyReaderSampleTests {

    private static final ReplyReader READER = new ReplyReader(Lexicon.shipped());

    static List<ReplyCase> sample() {
        return ReplyCase.fromClasspath("/nlu/replies-sample.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void readsEverySampleReplyAsLabelled(ReplyCase labelled) {
        assertThat(READER.understand(labelled.reply()))
                .as(labelled.toString())
                .isEqualTo(labelled.expected());
    }
}
