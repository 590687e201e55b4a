package io.baifang.customers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentIdNumberTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "511621200306118207, 511621200306118207, 2003-06-11",
            "51162119640210923X, 51162119640210923X, 1964-02-10",
            "51162119640210923x, 51162119640210923X, 1964-02-10",
            "５１１６２１２００３０６１１８２０７, 511621200306118207, 2003-06-11",
            "' 500230198209297129 ', 500230198209297129, 1982-09-29",
    })
    void acceptsAValidNumberWithXUpperCase(String typed, String number, LocalDate birthDate) {
        ResidentIdNumber.Reading reading = ResidentIdNumber.read(typed, false, TODAY);

        assertThat(reading).isEqualTo(new ResidentIdNumber.Valid(number, birthDate));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "500107550910501,      FIRST_GENERATION",
            "510681720510774,      FIRST_GENERATION",
            "5.00107E+17,          MANGLED_BY_SPREADSHEET",
            "5.10681e17,           MANGLED_BY_SPREADSHEET",
            "511621200306118000,   MANGLED_BY_SPREADSHEET",
            "511621200306118207.0, MANGLED_BY_SPREADSHEET",
            "50023019890321421,    LENGTH",
            "5116212003061182071,  LENGTH",
            "12345,                LENGTH",
            "51162120030611820-,   INVALID_CHARACTERS",
            "5116212003061182O7,   INVALID_CHARACTERS",
            "511621 200306118207,  INVALID_CHARACTERS",
            "无,                    INVALID_CHARACTERS",
            "510722199813088423,   BIRTH_DATE",
            "511621200302300000,   BIRTH_DATE",
            "511621189912310004,   BIRTH_DATE",
            "511621202612010001,   BIRTH_DATE",
            "510681197505241855,   CHECK_DIGIT",
            "511621200306118208,   CHECK_DIGIT",
            "5116212003061182X7,   INVALID_CHARACTERS",
    })
    void refusesAFaultyNumberSayingWhy(String typed, ResidentIdNumber.Fault fault) {
        assertThat(ResidentIdNumber.read(typed, false, TODAY)).isEqualTo(new ResidentIdNumber.Faulty(fault));
    }

    @Test
    void refusesEighteenDigitsFromANumberCellAsMangledEvenWhenTheyLookRight() {
        // Excel keeps 15 significant digits: an 18-digit number in a number cell has lost its tail
        assertThat(ResidentIdNumber.read("511621200306118207", true, TODAY))
                .isEqualTo(new ResidentIdNumber.Faulty(ResidentIdNumber.Fault.MANGLED_BY_SPREADSHEET));
        assertThat(ResidentIdNumber.read("500107000000000000", true, TODAY))
                .isEqualTo(new ResidentIdNumber.Faulty(ResidentIdNumber.Fault.MANGLED_BY_SPREADSHEET));
    }

    @Test
    void acceptsABirthDateOfTodayButNotTomorrow() {
        String bornToday = withCheckCharacter("51162120261123001");
        String bornTomorrow = withCheckCharacter("51162120261124001");

        assertThat(ResidentIdNumber.read(bornToday, false, TODAY)).isInstanceOf(ResidentIdNumber.Valid.class);
        assertThat(ResidentIdNumber.read(bornTomorrow, false, TODAY))
                .isEqualTo(new ResidentIdNumber.Faulty(ResidentIdNumber.Fault.BIRTH_DATE));
    }

    @Test
    void computesTheCheckCharacterOfGb11643() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void neverShowsTheNumberInItsText() {
        assertThat(ResidentIdNumber.read("511621200306118207", false, TODAY).toString()).doesNotContain("511621");
    }

    private static String withCheckCharacter(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
