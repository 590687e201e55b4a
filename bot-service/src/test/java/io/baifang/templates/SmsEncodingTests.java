package io.baifang.templates;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.baifang.templates.TextEncoding.GSM7;
import static io.baifang.templates.TextEncoding.UCS2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** How long a text is as an SMS: the table is the rule. */
class SmsEncodingTests {

    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair: one character, two UTF-16 units

    static Stream<Arguments> texts() {
        return Stream.of(
                // case, text, encoding, characters, units, segments
                arguments("an empty text is one empty part", "", GSM7, 0, 0, 1),
                arguments("160 ASCII characters fit one message", "a".repeat(160), GSM7, 160, 160, 1),
                arguments("161 ASCII characters take two parts", "a".repeat(161), GSM7, 161, 161, 2),
                arguments("two full 153-septet parts", "a".repeat(306), GSM7, 306, 306, 2),
                arguments("one septet past two parts takes a third", "a".repeat(307), GSM7, 307, 307, 3),
                arguments("the GSM alphabet beyond ASCII stays GSM-7", "Δ£¥èÉßÑü§¿@_\r\n", GSM7, 14, 14, 1),
                arguments("the euro sign counts two septets", "a".repeat(158) + "€", GSM7, 159, 160, 1),
                arguments("an extension character can push a text over 160", "a".repeat(159) + "€", GSM7, 160, 161, 2),
                arguments("80 braces are 160 septets", "{".repeat(80), GSM7, 80, 160, 1),
                arguments("every extension character counts two", "^{}\\[~]|€\f", GSM7, 10, 20, 1),
                arguments("an escape pair is never split across parts",
                        "a".repeat(152) + "[" + "a".repeat(152), GSM7, 305, 306, 3),
                arguments("ç is not in the GSM alphabet (only Ç is)", "ça va", UCS2, 5, 5, 1),
                arguments("one Chinese character makes the whole text UCS-2", "a".repeat(10) + "中", UCS2, 11, 11, 1),
                arguments("full-width punctuation is UCS-2", "hello，world", UCS2, 11, 11, 1),
                arguments("70 Chinese characters fit one message", "中".repeat(70), UCS2, 70, 70, 1),
                arguments("71 Chinese characters take two parts", "中".repeat(71), UCS2, 71, 71, 2),
                arguments("two full 67-unit parts", "中".repeat(134), UCS2, 134, 134, 2),
                arguments("one unit past two parts takes a third", "中".repeat(135), UCS2, 135, 135, 3),
                arguments("an emoji is one character and two units", "中".repeat(68) + EMOJI, UCS2, 69, 70, 1),
                arguments("an emoji can push a text over 70 units", "中".repeat(69) + EMOJI, UCS2, 70, 71, 2),
                arguments("a surrogate pair is never split across parts",
                        "中".repeat(66) + EMOJI + "中".repeat(66), UCS2, 133, 134, 3),
                arguments("a surrogate pair that ends a part exactly stays in it",
                        "中".repeat(65) + EMOJI + "中".repeat(67), UCS2, 133, 134, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void measuresTheTextAsTheNetworkCountsIt(String rule, String text, TextEncoding encoding, int characters,
                                             int units, int segments) {
        assertThat(SmsEncoding.measure(text)).isEqualTo(new SmsLength(encoding, characters, units, segments));
    }

    @Test
    void theChineseInvitationIsUcs2AndCountsItsCharactersOnceEach() {
        SmsLength length = SmsEncoding.measure("【百访银行】王秀英您好！明天我们网点有活动，到店有礼。回T退订");

        assertThat(length.encoding()).isEqualTo(UCS2);
        assertThat(length.characters()).isEqualTo(31);
        assertThat(length.segments()).isEqualTo(1);
    }
}
