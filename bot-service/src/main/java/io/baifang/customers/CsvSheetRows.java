package io.baifang.customers;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records of a CSV file, read as Excel and WPS read them, one record at a time.
 *
 * <p>Written out rather than taken from a CSV library because the import needs three things exactly:
 * a row number per record as a spreadsheet counts them (a quoted cell spanning lines is one row, an
 * empty line is a row); Excel's leniency with stray quotes ({@code 12"3} and {@code "12"3} read as
 * Excel shows them); and a clear failure when a quote is never closed, which would otherwise swallow the
 * rest of the file into one cell.
 */
final class CsvSheetRows implements SheetRows {

    /** Excel holds at most 32,767 characters in a cell; far past that a quote was surely left open. */
    static final int MAX_CELL_LENGTH = 100_000;
    /** Excel's widest sheet. */
    static final int MAX_CELLS_IN_ROW = 16_384;

    /** {@code ="0123"}: how exports force Excel to keep a number as text. */
    private static final Pattern FORMULA_TEXT = Pattern.compile("^=\"(.*)\"$", Pattern.DOTALL);
    private static final int END = -1;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private int recordNumber;
    private boolean ended;

    CsvSheetRows(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    @Override
    public SheetRow next() throws UnreadableSheetException {
        if (ended) {
            return null;
        }
        int c = read();
        if (c == END) {
            ended = true;
            return null;
        }
        int number = ++recordNumber;
        List<SheetCell> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == END) {
                    throw broken("a quoted cell opened on row " + number + " is never closed");
                }
                if (c == '"') {
                    int following = read();
                    if (following != '"') {
                        inQuotes = false;
                        c = following;
                        continue;
                    }
                }
                cell.append((char) c);
            } else if (c == delimiter) {
                cells.add(cellOf(cell));
                cell.setLength(0);
                quoted = false;
                if (cells.size() >= MAX_CELLS_IN_ROW) {
                    throw broken("row " + number + " has more than " + MAX_CELLS_IN_ROW + " cells");
                }
            } else if (c == '\n' || c == END) {
                break;
            } else if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                break;
            } else if (c == '"' && cell.length() == 0 && !quoted) {
                quoted = true;
                inQuotes = true;
            } else {
                cell.append((char) c);
            }
            if (cell.length() > MAX_CELL_LENGTH) {
                throw broken("a cell on row " + number + " runs past " + MAX_CELL_LENGTH
                        + " characters: a quote is probably never closed");
            }
            c = read();
        }
        cells.add(cellOf(cell));
        if (c == END) {
            ended = true;
        }
        return new SheetRow(number, cells);
    }

    private static SheetCell cellOf(StringBuilder cell) {
        String text = cell.toString();
        if (text.startsWith("=\"")) {
            Matcher formulaText = FORMULA_TEXT.matcher(text);
            if (formulaText.matches()) {
                text = formulaText.group(1);
            }
        }
        return SheetCell.text(text);
    }

    private int read() throws UnreadableSheetException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++];
    }

    private int peek() throws UnreadableSheetException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    private boolean fill() throws UnreadableSheetException {
        try {
            int read;
            do {
                read = in.read(buffer, 0, buffer.length);
            } while (read == 0);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        } catch (IOException unreadable) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.CORRUPT,
                    "the file could not be read to its end (after row " + recordNumber + ")", unreadable);
        }
    }

    private UnreadableSheetException broken(String why) {
        ended = true;
        return new UnreadableSheetException(UnreadableSheetException.Problem.CORRUPT,
                "the CSV is broken: " + why);
    }

    @Override
    public void close() throws IOException {
        ended = true;
        in.close();
    }
}
