package io.baifang.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "18875749118           | +8618875749118",
            "+86 188-7574-9118     | +8618875749118",
            "0086 18875749118      | +8618875749118",
            "188 7574 9118         | +8618875749118",
            "１８８７５７４９１１８   | +8618875749118",
            "+8618875749118        | +8618875749118",
            "(+86) 188 7574 9118   | +8618875749118",
            "17111015720           | +8617111015720",
            "16241405446           | +8616241405446",
            "14511996442           | +8614511996442",
            "19095882872           | +8619095882872",
    })
    void readsAMobileNumberTypedAnyOfTheUsualWaysAsE164(String typed, String e164) {
        MobileNumberCheck check = PhoneNumbers.checkMobile(typed);

        assertThat(check.outcome()).isEqualTo(MobileNumberCheck.Outcome.MOBILE);
        assertThat(check.e164()).isEqualTo(e164);
        assertThat(PhoneNumbers.mobileE164(typed)).contains(e164);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "023-68881234",   // a Chongqing landline
            "023-68881104",
            "0817-2287046",   // a Nanchong landline
            "02368881234",
            "023682974",      // a landline a digit short: still no mobile
            "023685899",
    })
    void refusesALandlineAsNotAMobileNumber(String typed) {
        assertThat(PhoneNumbers.checkMobile(typed).outcome()).isEqualTo(MobileNumberCheck.Outcome.NOT_MOBILE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "12136494292",       // unknown prefix
            "12697305261",
            "1953514934",        // a digit short
            "1678730271",
            "188757491181",      // a digit too many
            "abc",
            "无",
            "18875749118/13912345678",
    })
    void refusesAWrongLengthOrAnUnknownPrefixAsAnInvalidMobileNumber(String typed) {
        assertThat(PhoneNumbers.checkMobile(typed).outcome()).isEqualTo(MobileNumberCheck.Outcome.INVALID);
        assertThat(PhoneNumbers.mobileE164(typed)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void saysABlankNumberIsMissing(String typed) {
        assertThat(PhoneNumbers.checkMobile(typed).outcome()).isEqualTo(MobileNumberCheck.Outcome.MISSING);
    }

    @Test
    void takesAForeignMobileNumberWithItsCountryCode() {
        assertThat(PhoneNumbers.checkMobile("+852 5123 4567").e164()).isEqualTo("+85251234567");
    }
}
