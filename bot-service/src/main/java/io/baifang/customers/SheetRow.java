package io.baifang.customers;

import java.util.List;

/** A row as the file holds it, before the header gives its cells a meaning. */
record SheetRow(int number, List<SheetCell> cells) {

    boolean isBlank() {
        for (SheetCell cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    SheetCell cell(int index) {
        return index < cells.size() ? cells.get(index) : SheetCell.blank();
    }

    @Override
    public String toString() {
        return "SheetRow[number=" + number + ", cells=" + cells.size() + "]";
    }
}
