package io.baifang.shared;

/**
 * What {@link PhoneNumbers#checkMobile(String)} made of a phone number someone typed.
 *
 * @param outcome whether the text is a mobile number we can text, and if not why
 * @param e164 the number in E.164 ({@code +8618875749118}) when {@code outcome} is {@link Outcome#MOBILE}, else null
 */
public record MobileNumberCheck(Outcome outcome, String e164) {

    public enum Outcome {
        /** A valid mobile number: it can take SMS. */
        MOBILE,
        /** Nothing was typed. */
        MISSING,
        /** A phone number, but not a mobile one (a landline, a service number): it cannot take SMS. */
        NOT_MOBILE,
        /** Not a valid number: a wrong length, an unknown prefix, letters. */
        INVALID
    }

    public MobileNumberCheck {
        if ((outcome == Outcome.MOBILE) != (e164 != null)) {
            throw new IllegalArgumentException("an E.164 number goes with MOBILE and only with it");
        }
    }

    static MobileNumberCheck mobile(String e164) {
        return new MobileNumberCheck(Outcome.MOBILE, e164);
    }

    static MobileNumberCheck refused(Outcome outcome) {
        return new MobileNumberCheck(outcome, null);
    }

    public boolean isMobile() {
        return outcome == Outcome.MOBILE;
    }
}
