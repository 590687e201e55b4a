package io.baifang.replies;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a reply to one spelling before it is read: half-width digits, letters and punctuation
 * (８ → 8, ：→ :, ＴＤ → td), lower case, no control or zero-width characters, one space between words,
 * and the lexicon's synonyms applied (明儿个 → 明天, 點 → 点).
 */
final class ReplyNormaliser {

    private final PhraseTrie<String> synonyms = new PhraseTrie<>();

    ReplyNormaliser(Map<String, String> synonyms) {
        synonyms.forEach((from, to) -> {
            String key = widthAndCase(from);
            String replacement = widthAndCase(to);
            if (!key.isEmpty()) {
                this.synonyms.update(key, previous -> replacement);
            }
        });
    }

    String normalise(String raw) {
        return applySynonyms(widthAndCase(raw));
    }

    /** Width, case, control characters and spaces only: how lexicon entries are compared with replies. */
    static String widthAndCase(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder cleaned = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                cleaned.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cleaned.append(' ');
            } else if (c == '\n' || c == '\r' || c == '\t') {
                // a line break separates two thoughts as a comma does
                cleaned.append(',');
            } else if (Character.getType(c) == Character.CONTROL) {
                cleaned.append(' ');
            } else if (Character.getType(c) == Character.FORMAT) {
                // zero-width joiners and marks split words invisibly; drop them
                continue;
            } else if (c == '\u2018' || c == '\u2019' || c == '`') {
                cleaned.append('\'');
            } else {
                cleaned.append(c);
            }
        }
        String halfWidth = Normalizer.normalize(cleaned, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return collapseSpaces(halfWidth);
    }

    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private String applySynonyms(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int end = synonyms.longestMatchEnd(text, i);
            if (end > 0 && isWholeLatinWord(text, i, end)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(synonyms.valueOf(text, i, end));
                i = end;
            } else {
                if (out != null) {
                    out.append(text.charAt(i));
                }
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /** A Latin synonym key replaces whole words only, so that "tmr" does not rewrite "tmrw". */
    static boolean isWholeLatinWord(CharSequence text, int start, int end) {
        boolean cutsWordAtStart = ReplyChars.isLatinAt(text, start) && ReplyChars.isLatinAt(text, start - 1);
        boolean cutsWordAtEnd = ReplyChars.isLatinAt(text, end - 1) && ReplyChars.isLatinAt(text, end);
        return !cutsWordAtStart && !cutsWordAtEnd;
    }
}
