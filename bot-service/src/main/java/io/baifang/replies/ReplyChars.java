package io.baifang.replies;

/** Character classes the reader needs, on text already normalised (half-width, lower case). */
final class ReplyChars {

    private ReplyChars() {
    }

    static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLatinAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && isLatin(text.charAt(i));
    }

    static boolean isDigitAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && isDigit(text.charAt(i));
    }

    /** A Chinese character or other letter: what words are made of. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.isIdeographic(c) || c == '〇';
    }

    static boolean isCjk(char c) {
        return !isLatin(c) && !isDigit(c) && isWordChar(c);
    }

    static char at(CharSequence text, int i) {
        return i >= 0 && i < text.length() ? text.charAt(i) : '\0';
    }

    static boolean startsWith(CharSequence text, int i, String word) {
        if (i < 0 || i + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text.charAt(i + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The first of {@code words} found at {@code i} (list them longest first), or null. */
    static String startsWithAny(CharSequence text, int i, String... words) {
        for (String word : words) {
            if (startsWith(text, i, word)) {
                return word;
            }
        }
        return null;
    }

    static boolean endsWith(CharSequence text, int end, String word) {
        return startsWith(text, end - word.length(), word);
    }

    /**
     * Whether the character at {@code i} ends a clause. Punctuation, emoji and line breaks do; the dot of
     * 10.8, the colon of 10:30, the slash of 2/20 and the apostrophe of "can't" do not; a space does between
     * Chinese words (明天没空 后天来) but not between English ones.
     */
    static boolean isSeparator(CharSequence text, int i) {
        char c = text.charAt(i);
        if (isWordChar(c) || c == '%') {
            return false;
        }
        char before = at(text, i - 1);
        char after = at(text, i + 1);
        switch (c) {
            case '.':
            case ':':
            case '/':
            case '-':
                return !(isDigit(before) && isDigit(after));
            case '\'':
                return !(isLatin(before) && isLatin(after));
            case ' ':
                return !((isLatin(before) || isDigit(before)) && (isLatin(after) || isDigit(after)));
            default:
                return true;
        }
    }

    /** Modal and sentence-final particles that may trail a whole-clause word (好吧, 行啊, 要得嘛). */
    static boolean isParticle(char c) {
        return "啊呀吧的嘞哒滴哈哦噢嘛呢咯啦了喔呗哟撒咧嗷~".indexOf(c) >= 0;
    }
}
