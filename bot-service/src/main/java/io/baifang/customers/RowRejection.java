package io.baifang.customers;

/**
 * A row refused by the first check it failed.
 *
 * @param row the row's number as the spreadsheet shows it
 * @param column the column whose cell failed
 * @param reason why, for the person who made the sheet; never quotes the cell
 */
record RowRejection(int row, LeadColumn column, String reason) implements RowCheck {
}
