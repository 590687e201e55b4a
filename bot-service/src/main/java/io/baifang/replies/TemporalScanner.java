package io.baifang.replies;

import java.util.ArrayList;
import java.util.List;

/** Walks a normalised reply once, left to right, and lists every day, part of day, clock time and vague time in it. */
final class TemporalScanner {

    private final DayExpressions days;
    private final ClockTimes clocks;
    private final EnglishExpressions english;

    TemporalScanner(DayExpressions days, ClockTimes clocks, EnglishExpressions english) {
        this.days = days;
        this.clocks = clocks;
        this.english = english;
    }

    /**
     * @param maskedUntil for each position where a masking cue starts (早上好, 上周, 过两天), where it ends; else 0.
     *                    Day words inside such cues are not days.
     */
    List<Mention> scan(String text, int[] maskedUntil) {
        List<Mention> mentions = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (maskedUntil[i] > i) {
                i = maskedUntil[i];
                continue;
            }
            Mention mention = mentionAt(text, i);
            if (mention != null && mention.end() > i) {
                if (mention.namesDay() || mention.part() != null || mention.clock() != null) {
                    mentions.add(mention);
                }
                i = mention.end();
            } else {
                i = skip(text, i);
            }
        }
        return mentions;
    }

    private Mention mentionAt(String text, int i) {
        char c = text.charAt(i);
        if (ReplyChars.isLatin(c)) {
            return ReplyChars.isLatinAt(text, i - 1) ? null : english.expressionAt(text, i);
        }
        Mention mention = days.dayAt(text, i);
        return mention != null ? mention : clocks.timeAt(text, i);
    }

    /** Past a word or number that names nothing, so that its tail is not read on its own (123号 is not 23号). */
    private static int skip(String text, int i) {
        char c = text.charAt(i);
        int end = i + 1;
        if (ReplyChars.isLatin(c)) {
            while (end < text.length() && ReplyChars.isLatin(text.charAt(end))) {
                end++;
            }
        } else if (ReplyChars.isDigit(c)) {
            while (end < text.length() && (ReplyChars.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                end++;
            }
        } else if (ChineseNumerals.isNumeralChar(c)) {
            while (end < text.length() && ChineseNumerals.isNumeralChar(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }
}
