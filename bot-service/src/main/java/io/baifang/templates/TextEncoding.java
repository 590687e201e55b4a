package io.baifang.templates;

/**
 * How an SMS carries its text. GSM-7 packs Latin text into 7-bit septets (160 per single message); any
 * character outside the GSM alphabet, such as every Chinese character, switches the whole message to UCS-2
 * (UTF-16, 70 units per single message).
 */
public enum TextEncoding {
    GSM7, UCS2
}
