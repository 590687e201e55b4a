package io.baifang.templates;

/**
 * How long a text is as an SMS.
 *
 * @param encoding   GSM-7 or UCS-2
 * @param characters characters as a person counts them (Unicode code points: an emoji is one)
 * @param units      what the network counts: septets for GSM-7 (an extension-table character is two), UTF-16
 *                   code units for UCS-2 (an emoji outside the BMP is two)
 * @param segments   the SMS parts the text is sent as; an empty text is one empty part
 */
public record SmsLength(TextEncoding encoding, int characters, int units, int segments) {
}
