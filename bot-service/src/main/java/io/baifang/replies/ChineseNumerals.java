package io.baifang.replies;

/** Reads the small numbers replies hold, in Arabic or Chinese digits: 8, 08, 八, 十八, 二十八, 廿八, 卅, 两. */
final class ChineseNumerals {

    /** A number read at [start, end). */
    record Numeral(int value, int start, int end, boolean arabic) {
    }

    private ChineseNumerals() {
    }

    /** The digit 0–9 a character stands for, or -1. */
    static int digit(char c) {
        switch (c) {
            case '零': case '〇': return 0;
            case '一': case '壹': return 1;
            case '二': case '两': case '贰': case '俩': return 2;
            case '三': case '叁': return 3;
            case '四': case '肆': return 4;
            case '五': case '伍': return 5;
            case '六': case '陆': return 6;
            case '七': case '柒': return 7;
            case '八': case '捌': return 8;
            case '九': case '玖': return 9;
            default:
                return ReplyChars.isDigit(c) ? c - '0' : -1;
        }
    }

    static boolean isTen(char c) {
        return c == '十' || c == '拾';
    }

    /** Whether a character can be part of a number (Arabic or Chinese). */
    static boolean isNumeralChar(char c) {
        return digit(c) >= 0 || isTen(c) || c == '廿' || c == '卅';
    }

    /** The number starting at {@code i}, or null. Arabic runs longer than four digits read as one large number. */
    static Numeral read(CharSequence text, int i) {
        if (i < 0 || i >= text.length()) {
            return null;
        }
        char c = text.charAt(i);
        if (ReplyChars.isDigit(c)) {
            int end = i;
            long value = 0;
            while (end < text.length() && ReplyChars.isDigit(text.charAt(end))) {
                value = Math.min(value * 10 + (text.charAt(end) - '0'), 1_000_000);
                end++;
            }
            return new Numeral((int) value, i, end, true);
        }
        if (isTen(c)) {
            int units = chineseUnit(text, i + 1);
            return units > 0 ? new Numeral(10 + units, i, i + 2, false) : new Numeral(10, i, i + 1, false);
        }
        if (c == '廿' || c == '卅') {
            int tens = c == '廿' ? 20 : 30;
            int units = chineseUnit(text, i + 1);
            return units > 0 ? new Numeral(tens + units, i, i + 2, false) : new Numeral(tens, i, i + 1, false);
        }
        int d = digit(c);
        if (d < 0) {
            return null;
        }
        if (d > 0 && i + 1 < text.length() && isTen(text.charAt(i + 1))) {
            int units = chineseUnit(text, i + 2);
            return units > 0
                    ? new Numeral(d * 10 + units, i, i + 3, false)
                    : new Numeral(d * 10, i, i + 2, false);
        }
        return new Numeral(d, i, i + 1, false);
    }

    /** A Chinese digit 1–9 at {@code i}, or 0. */
    private static int chineseUnit(CharSequence text, int i) {
        if (i >= text.length() || ReplyChars.isDigit(text.charAt(i))) {
            return 0;
        }
        int d = digit(text.charAt(i));
        return Math.max(d, 0);
    }
}
