package io.baifang.customers;

import java.time.LocalDate;
import java.util.List;

/**
 * A row that passed every check, its values as they are to be stored. Blank cells are null (never
 * {@code ""}), except {@code tags}, which is then empty.
 *
 * @param phone E.164, a mobile number
 * @param idNumber 18 characters, {@code X} upper-case; null when blank
 * @param branch the branch code, known and one of the importing user's
 * @param tags split on {@code ;} and {@code ；}, trimmed, without blanks or repeats, in the sheet's order
 * @param consent null when blank: a new customer then has not consented, an update keeps the stored answer
 */
record CheckedLead(int row, String phone, String name, String idNumber, String address, String village,
                   String branch, List<String> tags, String collector, LocalDate collectedOn, String source,
                   Boolean consent) implements RowCheck {

    CheckedLead {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Leaves out the personal data, which must never reach a log. */
    @Override
    public String toString() {
        return "CheckedLead[row=" + row + ", branch=" + branch + "]";
    }
}
