package io.baifang.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the contract (shared/nlu/CONVENTIONS.md) in other words and on other dates than the sample:
 * relative days and weekdays across week, month and year ends, days of the month in short months and leap
 * years, lunar days in leap months and 29-day 腊月, holidays, clock times in every written form, numbers
 * that are no days, several days in one reply, vague answers, and every intent with and without a booking.
 */
class ReplyReaderRulesTests {

    private static final ReplyReader READER = new ReplyReader(Lexicon.shipped());

    static List<ReplyCase> rules() {
        return ReplyCase.fromClasspath("/replies/replies-rules.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void readsEveryRuleCaseAsTheContractSays(ReplyCase labelled) {
        assertThat(READER.understand(labelled.reply()))
                .as(labelled.toString())
                .isEqualTo(labelled.expected());
    }
}
