package io.baifang.customers;

import java.io.Closeable;

/** The rows of one sheet of a file, read one at a time so that no sheet is ever held whole in memory. */
interface SheetRows extends Closeable {

    /** The next row, blank or not; null after the last. */
    SheetRow next() throws UnreadableSheetException;
}
