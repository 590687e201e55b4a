package io.baifang.customers;

/**
 * One cell as the sheet holds it.
 *
 * @param text the cell's text, trimmed of ordinary, full-width and no-break spaces; never null. A number
 *             is written out the way Excel shows it in a General cell, without {@code .0} or an exponent
 *             ({@code 18875749118}); a date cell as {@code 2026-10-17} (with {@code  HH:mm:ss} when it
 *             holds a time of day too)
 * @param kind what the sheet stored: text, a number or a date (only an XLSX has numbers and dates)
 */
record SheetCell(String text, Kind kind) {

    enum Kind { TEXT, NUMBER, DATE }

    private static final SheetCell BLANK = new SheetCell("", Kind.TEXT);

    SheetCell {
        text = trim(text);
        kind = kind == null ? Kind.TEXT : kind;
    }

    static SheetCell blank() {
        return BLANK;
    }

    static SheetCell text(String text) {
        return new SheetCell(text, Kind.TEXT);
    }

    boolean isBlank() {
        return text.isEmpty();
    }

    /**
     * Strips what a person cannot see: spaces of every width, no-break spaces, zero-width spaces, stray
     * BOMs and control characters (a NUL would also be refused by PostgreSQL later).
     */
    static String trim(String text) {
        if (text == null) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && isInvisible(text.charAt(start))) {
            start++;
        }
        while (end > start && isInvisible(text.charAt(end - 1))) {
            end--;
        }
        String trimmed = text.substring(start, end);
        return trimmed.indexOf('\u0000') < 0 ? trimmed : trimmed.replace("\u0000", "");
    }

    private static boolean isInvisible(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\uFEFF' || c == '\u200B';
    }
}
