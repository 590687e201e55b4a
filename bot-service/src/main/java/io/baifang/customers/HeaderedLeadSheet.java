package io.baifang.customers;

import java.io.IOException;
import java.util.NoSuchElementException;

/** The rows below a found header, blank rows skipped, each given its columns by the header. */
final class HeaderedLeadSheet implements LeadSheet {

    private final String format;
    private final SheetRows rows;
    private final LeadSheetHeader header;
    private LeadRow pending;
    private boolean ended;

    HeaderedLeadSheet(String format, SheetRows rows, LeadSheetHeader header) {
        this.format = format;
        this.rows = rows;
        this.header = header;
    }

    @Override
    public String format() {
        return format;
    }

    LeadSheetHeader header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended) {
            pending = nextNonBlankRow();
            ended = pending == null;
        }
        return pending != null;
    }

    @Override
    public LeadRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no rows left in the sheet");
        }
        LeadRow row = pending;
        pending = null;
        return row;
    }

    private LeadRow nextNonBlankRow() {
        try {
            SheetRow row;
            while ((row = rows.next()) != null) {
                if (!row.isBlank()) {
                    return header.leadRow(row);
                }
            }
            return null;
        } catch (UnreadableSheetException broken) {
            ended = true;
            throw broken.unchecked();
        }
    }

    @Override
    public void close() throws IOException {
        ended = true;
        rows.close();
    }
}
