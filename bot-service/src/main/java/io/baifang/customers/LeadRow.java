package io.baifang.customers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A row of a lead sheet that is not blank.
 *
 * @param rowNumber the row's number as a spreadsheet shows it (the header is row 1 when nothing is above it)
 * @param cells the cells of the known columns the sheet has; columns it lacks are absent
 */
record LeadRow(int rowNumber, Map<LeadColumn, SheetCell> cells) {

    LeadRow {
        cells = cells.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new EnumMap<>(cells));
    }

    /** The cell of {@code column}; a blank cell when the sheet has no such column. */
    SheetCell cell(LeadColumn column) {
        return cells.getOrDefault(column, SheetCell.blank());
    }

    /** Never prints the cells: they hold ID numbers and phones, which must not reach a log. */
    @Override
    public String toString() {
        return "LeadRow[rowNumber=" + rowNumber + ", columns=" + cells.keySet() + "]";
    }
}
