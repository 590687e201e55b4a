package io.baifang.customers;

import java.io.Closeable;
import java.util.Iterator;

/**
 * The rows of an opened lead sheet, read as they are iterated. Blank rows are skipped. When the file
 * breaks part-way, {@code hasNext()} and {@code next()} throw {@link UnreadableSheetException.Unchecked}.
 */
interface LeadSheet extends Closeable, Iterator<LeadRow> {

    String CSV_UTF_8 = "CSV (UTF-8)";
    String CSV_GBK = "CSV (GBK)";
    String XLSX = "XLSX";

    /** What the file was read as: {@value #CSV_UTF_8}, {@value #CSV_GBK} or {@value #XLSX}. */
    String format();
}
