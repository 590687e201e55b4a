package io.baifang.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A yes or a coming verb right after a negation is a refusal: 不可以, 不会来, 没法去, 不太想去; in English
 * "can't come", "won't be coming". The lexicon lists the common refusals; this catches the rest.
 */
final class NegatedCues {

    private static final String NEGATIONS = "不没别未甭莫冇唔勿无";
    /** Words that may stand between the negation and the verb: 不能来, 不太想去, 没法去. */
    private static final String BETWEEN = "太能会想要用大再必是肯愿敢法怎";
    private static final Set<String> ENGLISH_NEGATIONS = Set.of(
            "not", "no", "can't", "cant", "cannot", "won't", "wont", "don't", "dont", "never", "unable");
    private static final Set<String> ENGLISH_BETWEEN = Set.of("be", "to", "able", "make", "really");

    private NegatedCues() {
    }

    static List<Cue> refusalsForNegatedYes(String text, List<Cue> cues) {
        List<Cue> result = null;
        for (int k = 0; k < cues.size(); k++) {
            Cue cue = cues.get(k);
            if (cue.isAny(CueCategory.AGREE, CueCategory.COME) && isNegated(text, cue.start())) {
                if (result == null) {
                    result = new ArrayList<>(cues);
                }
                result.set(k, cue.as(CueCategory.DECLINE));
            }
        }
        return result == null ? cues : result;
    }

    private static boolean isNegated(String text, int start) {
        if (ReplyChars.isLatinAt(text, start)) {
            return isNegatedInEnglish(text, start);
        }
        char before = ReplyChars.at(text, start - 1);
        if (NEGATIONS.indexOf(before) >= 0 && before != '\0') {
            // 来不来, 去不去 ask; the lexicon lists them as questions, but guard A不A anyway
            return !(start >= 2 && text.charAt(start - 2) == text.charAt(start));
        }
        char twoBefore = ReplyChars.at(text, start - 2);
        if (BETWEEN.indexOf(before) >= 0 && before != '\0' && NEGATIONS.indexOf(twoBefore) >= 0 && twoBefore != '\0') {
            // 能不能来 asks, 不能来 refuses
            return ReplyChars.at(text, start - 3) != before;
        }
        return false;
    }

    private static boolean isNegatedInEnglish(String text, int start) {
        int end = start;
        for (int words = 0; words < 3; words++) {
            int wordEnd = end;
            while (wordEnd > 0 && text.charAt(wordEnd - 1) == ' ') {
                wordEnd--;
            }
            int wordStart = wordEnd;
            while (wordStart > 0 && (ReplyChars.isLatin(text.charAt(wordStart - 1)) || text.charAt(wordStart - 1) == '\'')) {
                wordStart--;
            }
            if (wordStart == wordEnd) {
                return false;
            }
            String word = text.substring(wordStart, wordEnd);
            if (ENGLISH_NEGATIONS.contains(word)) {
                return true;
            }
            if (!ENGLISH_BETWEEN.contains(word)) {
                return false;
            }
            end = wordStart;
        }
        return false;
    }
}
