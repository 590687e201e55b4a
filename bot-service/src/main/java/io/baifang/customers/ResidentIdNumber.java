package io.baifang.customers;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The 18-character resident ID number of GB 11643-1999: a 6-digit area code, the birth date as
 * {@code yyyyMMdd}, a 3-digit sequence and a check character.
 */
final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** {@code 5.10681E+17}, {@code 5.10681e17}, {@code 511621200306118000.0}: a number as a spreadsheet wrote it out. */
    private static final Pattern SPREADSHEET_NUMBER = Pattern.compile("^\\d+(\\.\\d*)?([eE][+-]?\\d+)?$");
    private static final Pattern DIGITS_AND_CHECK = Pattern.compile("^\\d{17}[\\dX]$");

    enum Fault {
        FIRST_GENERATION("15-digit number"),
        MANGLED_BY_SPREADSHEET("number mangled by a spreadsheet"),
        LENGTH("length"),
        INVALID_CHARACTERS("invalid characters"),
        BIRTH_DATE("birth date"),
        CHECK_DIGIT("check digit");

        private final String reason;

        Fault(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    sealed interface Reading permits Valid, Faulty {
    }

    /** @param number 17 digits and the check character, {@code X} upper-case */
    record Valid(String number, LocalDate birthDate) implements Reading {
        @Override
        public String toString() {
            return "Valid[number=(withheld)]";
        }
    }

    record Faulty(Fault fault) implements Reading {
    }

    private ResidentIdNumber() {
    }

    /**
     * @param text the number as typed; full-width digits and a lower-case {@code x} are accepted
     * @param typedAsNumber whether the sheet stored it as a number: no spreadsheet keeps 18 digits in a
     *                      number, so such a cell has lost its last digits even when it shows 18 of them
     * @param today a birth date after it is refused
     */
    static Reading read(String text, boolean typedAsNumber, LocalDate today) {
        String id = Normalizer.normalize(SheetCell.trim(text), Normalizer.Form.NFKC).toUpperCase(java.util.Locale.ROOT);
        boolean digitsOnly = id.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digitsOnly && id.length() == 15) {
            return new Faulty(Fault.FIRST_GENERATION);
        }
        if (typedAsNumber && digitsOnly && id.length() > 15) {
            return new Faulty(Fault.MANGLED_BY_SPREADSHEET);
        }
        if (!digitsOnly && SPREADSHEET_NUMBER.matcher(id.toLowerCase(java.util.Locale.ROOT)).matches()) {
            return new Faulty(Fault.MANGLED_BY_SPREADSHEET);
        }
        if (id.length() != 18) {
            return new Faulty(id.chars().allMatch(c -> (c >= '0' && c <= '9') || c == 'X')
                    ? Fault.LENGTH
                    : Fault.INVALID_CHARACTERS);
        }
        if (!DIGITS_AND_CHECK.matcher(id).matches()) {
            return new Faulty(Fault.INVALID_CHARACTERS);
        }
        LocalDate birthDate = birthDate(id);
        if (birthDate == null || birthDate.isBefore(EARLIEST_BIRTH) || birthDate.isAfter(today)) {
            return new Faulty(Fault.BIRTH_DATE);
        }
        if (checkCharacter(id.substring(0, 17)) != id.charAt(17)) {
            // 15 significant digits kept and the rest zeroed: Excel rounded a number and it was saved as text
            return new Faulty(id.endsWith("000") ? Fault.MANGLED_BY_SPREADSHEET : Fault.CHECK_DIGIT);
        }
        return new Valid(id, birthDate);
    }

    /** The check character of the first 17 digits. */
    static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static LocalDate birthDate(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }
}
