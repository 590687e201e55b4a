package io.baifang.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;

/**
 * Phone numbers as Baifang keeps them: E.164, mobiles only, read the way Chinese staff and customers
 * type them ({@code +86 188-7574-9118}, {@code 0086 18875749118}, {@code 188 7574 9118}, full-width
 * {@code １８８７５７４９１１８}). Numbers without a country code are taken as Chinese.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "CN";

    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();
    private static final int CHINA = 86;

    private PhoneNumbers() {
    }

    /**
     * Reads {@code text} as a mobile number. Only libphonenumber's {@code MOBILE} type passes: for China it
     * tells mobiles from landlines exactly, and {@code FIXED_LINE_OR_MOBILE} (used by countries such as the
     * US) cannot promise the number takes SMS.
     */
    public static MobileNumberCheck checkMobile(String text) {
        if (text == null || text.isBlank()) {
            return MobileNumberCheck.refused(MobileNumberCheck.Outcome.MISSING);
        }
        PhoneNumber number;
        try {
            number = LIBPHONENUMBER.parse(text.strip(), DEFAULT_REGION);
        } catch (NumberParseException notANumber) {
            return MobileNumberCheck.refused(MobileNumberCheck.Outcome.INVALID);
        }
        if (LIBPHONENUMBER.isValidNumber(number)) {
            return LIBPHONENUMBER.getNumberType(number) == PhoneNumberType.MOBILE
                    ? MobileNumberCheck.mobile(LIBPHONENUMBER.format(number, PhoneNumberFormat.E164))
                    : MobileNumberCheck.refused(MobileNumberCheck.Outcome.NOT_MOBILE);
        }
        return MobileNumberCheck.refused(looksLikeALandline(number)
                ? MobileNumberCheck.Outcome.NOT_MOBILE
                : MobileNumberCheck.Outcome.INVALID);
    }

    /** The E.164 form of {@code text} when it is a mobile number. */
    public static Optional<String> mobileE164(String text) {
        return Optional.ofNullable(checkMobile(text).e164());
    }

    /**
     * Every Chinese mobile number starts with 1; a Chinese number that does not (023-682974, a short
     * Chongqing landline) was never meant to be a mobile, so staff are told "not a mobile number" rather
     * than "invalid mobile number", which would send them looking for a typo.
     */
    private static boolean looksLikeALandline(PhoneNumber number) {
        return number.getCountryCode() == CHINA
                && !LIBPHONENUMBER.getNationalSignificantNumber(number).startsWith("1");
    }
}
