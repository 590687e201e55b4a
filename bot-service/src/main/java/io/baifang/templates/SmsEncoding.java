package io.baifang.templates;

/**
 * Counts a text the way an SMS centre does (3GPP TS 23.038 / 23.040).
 *
 * <p>GSM-7 when every character is in the GSM default alphabet or its extension table: 160 septets in a single
 * message, 153 per part when concatenated (the user-data header takes the rest); an extension character
 * ({@code ^ { } \ [ ~ ] | €} and form feed) is an escape plus a septet, two in all, and the two are never split
 * across parts. Otherwise UCS-2: 70 UTF-16 units single, 67 per part; a surrogate pair (an emoji) is two units
 * and stays in one part. Parts are filled greedily, as handsets and gateways do.
 */
public final class SmsEncoding {

    static final int GSM7_SINGLE = 160;
    static final int GSM7_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;

    /** The GSM 03.38 default alphabet, minus the escape (0x1B), which is not a character a text may carry. */
    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private SmsEncoding() {
    }

    public static SmsLength measure(String text) {
        if (fitsGsm7(text)) {
            return measure(text, TextEncoding.GSM7, GSM7_SINGLE, GSM7_PART);
        }
        return measure(text, TextEncoding.UCS2, UCS2_SINGLE, UCS2_PART);
    }

    /** Septets (GSM-7) or UTF-16 units (UCS-2) of one character (code point) in that encoding. */
    static int unitsOf(int codePoint, TextEncoding encoding) {
        if (encoding == TextEncoding.UCS2) {
            return Character.charCount(codePoint);
        }
        return GSM7_EXTENSION.indexOf(codePoint) >= 0 ? 2 : 1;
    }

    private static boolean fitsGsm7(String text) {
        return text.codePoints().allMatch(SmsEncoding::isGsm7);
    }

    private static boolean isGsm7(int codePoint) {
        return GSM7_BASIC.indexOf(codePoint) >= 0 || GSM7_EXTENSION.indexOf(codePoint) >= 0;
    }

    private static SmsLength measure(String text, TextEncoding encoding, int single, int part) {
        int characters = 0;
        int units = 0;
        int segments = 1;
        int inSegment = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = unitsOf(codePoint, encoding);
            characters++;
            units += size;
            // counted as if concatenated from the start; only used when the whole text exceeds a single message
            if (inSegment + size > part) {
                segments++;
                inSegment = 0;
            }
            inSegment += size;
            i += Character.charCount(codePoint);
        }
        return new SmsLength(encoding, characters, units, units <= single ? 1 : segments);
    }
}
