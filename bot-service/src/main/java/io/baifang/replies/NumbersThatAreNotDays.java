package io.baifang.replies;

import java.util.List;

/**
 * Tells a number that names a day or an hour from one that counts, places or prices something:
 * 3号窗口, 5号楼, 2号线, 利率3.5, 存3.5万 name no day. The words come from the lexicon.
 */
final class NumbersThatAreNotDays {

    /** How far before a number a rate word still governs it (利率是3.5, 利率能到3.5). */
    private static final int BEFORE_WINDOW = 4;

    private final PhraseTrie<Boolean> after = new PhraseTrie<>();
    private final List<String> before;

    NumbersThatAreNotDays(Lexicon lexicon) {
        for (String word : lexicon.wordsAfterNumbersThatAreNotDays()) {
            String key = ReplyNormaliser.widthAndCase(word);
            if (!key.isEmpty()) {
                after.update(key, previous -> Boolean.TRUE);
            }
        }
        this.before = lexicon.wordsBeforeNumbersThatAreNotDays().stream()
                .map(ReplyNormaliser::widthAndCase)
                .filter(word -> !word.isEmpty())
                .toList();
    }

    /** Whether the number written at [start, end) (with its 号/日/点) is a counter, a place or an amount. */
    boolean isNotADay(CharSequence text, int start, int end) {
        return isFollowedByCounter(text, end) || isPrecededByRateWord(text, start);
    }

    boolean isFollowedByCounter(CharSequence text, int end) {
        int wordEnd = after.longestMatchEnd(text, end);
        return wordEnd > 0 && !(ReplyChars.isLatinAt(text, wordEnd - 1) && ReplyChars.isLatinAt(text, wordEnd));
    }

    private boolean isPrecededByRateWord(CharSequence text, int start) {
        for (int wordEnd = start; wordEnd >= Math.max(0, start - BEFORE_WINDOW); wordEnd--) {
            if (wordEnd < start && ReplyChars.isSeparator(text, wordEnd)) {
                return false;
            }
            for (String word : before) {
                if (ReplyChars.endsWith(text, wordEnd, word)) {
                    return true;
                }
            }
        }
        return false;
    }
}
