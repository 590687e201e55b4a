package io.baifang.customers;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 采集日期: {@code 2026-10-17}, {@code 2026/10/17} or {@code 2026年10月17日} (month and day with or
 * without a leading zero, digits of either width), or a date cell of an XLSX. Nothing else: {@code 10/17/2026}
 * and {@code 17/10/2026} cannot be told apart, and the rules name the forms staff are to use.
 */
final class CollectionDate {

    private static final Pattern WRITTEN_DATE = Pattern.compile(
            "^(\\d{4})(?:-(\\d{1,2})-(\\d{1,2})|/(\\d{1,2})/(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)$");
    /** How {@link XlsxSheetRows} writes a date cell: the date, and a time of day when there is one. */
    private static final Pattern DATE_CELL = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})(?: \\d{2}:\\d{2}:\\d{2})?$");

    private CollectionDate() {
    }

    /** The date, or empty when the cell does not hold one (blank cells included). */
    static Optional<LocalDate> read(SheetCell cell) {
        if (cell.kind() == SheetCell.Kind.DATE) {
            Matcher dateCell = DATE_CELL.matcher(cell.text());
            return dateCell.matches() ? date(dateCell.group(1), dateCell.group(2), dateCell.group(3)) : Optional.empty();
        }
        Matcher written = WRITTEN_DATE.matcher(Normalizer.normalize(cell.text(), Normalizer.Form.NFKC));
        if (!written.matches()) {
            return Optional.empty();
        }
        for (int group = 2; group <= 6; group += 2) {
            if (written.group(group) != null) {
                return date(written.group(1), written.group(group), written.group(group + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException noSuchDay) {
            return Optional.empty();
        }
    }
}
