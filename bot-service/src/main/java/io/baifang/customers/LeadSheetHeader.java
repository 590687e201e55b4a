package io.baifang.customers;

import java.text.Normalizer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The header row of a lead sheet: which column of the file holds which {@link LeadColumn}.
 *
 * <p>Branch staff make these sheets by hand in Excel or WPS, so the header is found rather than assumed:
 * it is the first row naming the required columns, below any title rows ("白市驿支行信息采集表"), and a
 * header cell is matched after dropping what people add around a name: spaces of any width, also inside
 * ("姓　名", spaced out to line up), a required-marker {@code *}, a note in brackets ("采集日期(年-月-日)",
 * "联系电话（必填）"), a trailing colon, full-width forms ("村组／社区").
 */
final class LeadSheetHeader {

    /** How many non-blank rows may stand above the header (titles, notes) before we give up looking. */
    static final int ROWS_SEARCHED = 30;

    private static final Pattern TRAILING_NOTE = Pattern.compile("^(.+?)[(\\[【〔《<][^)\\]】〕》>]*[)\\]】〕》>]$");
    private static final Pattern LEADING_NOTE = Pattern.compile("^[(\\[【〔《<][^)\\]】〕》>]*[)\\]】〕》>](.+)$");
    private static final Pattern MARKERS = Pattern.compile("^[*※:]+|[*※:]+$");

    private final int rowNumber;
    private final Map<LeadColumn, Integer> indexByColumn;

    private LeadSheetHeader(int rowNumber, Map<LeadColumn, Integer> indexByColumn) {
        this.rowNumber = rowNumber;
        this.indexByColumn = indexByColumn;
    }

    /** The column a header cell names, if any. */
    static Optional<LeadColumn> columnNamed(String headerText) {
        String name = normalize(headerText);
        for (LeadColumn column : LeadColumn.values()) {
            if (column.header().equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    static String normalize(String headerText) {
        String name = Normalizer.normalize(SheetCell.trim(headerText), Normalizer.Form.NFKC);
        name = name.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        String before;
        do {
            before = name;
            name = MARKERS.matcher(name).replaceAll("");
            name = TRAILING_NOTE.matcher(name).replaceFirst("$1");
            name = LEADING_NOTE.matcher(name).replaceFirst("$1");
        } while (!name.equals(before));
        return name;
    }

    /**
     * Reads {@code rows} up to the header. The header is the first row naming every required column; a
     * sheet with none is refused, naming the columns missing from the first row that names any column
     * (the sheet's real header, short of a column).
     */
    static LeadSheetHeader find(SheetRows rows) throws UnreadableSheetException {
        Search search = search(rows);
        if (search.header() != null) {
            return search.header();
        }
        throw search.refusal();
    }

    /** Like {@link #find} but reports what it saw, so that a workbook can go on to its next sheet. */
    static Search search(SheetRows rows) throws UnreadableSheetException {
        LeadSheetHeader firstNamingAColumn = null;
        int nonBlankRows = 0;
        SheetRow row;
        while (nonBlankRows < ROWS_SEARCHED && (row = rows.next()) != null) {
            if (row.isBlank()) {
                continue;
            }
            nonBlankRows++;
            LeadSheetHeader candidate = of(row);
            if (candidate.missingRequired().isEmpty()) {
                return new Search(candidate, firstNamingAColumn, true);
            }
            if (firstNamingAColumn == null && !candidate.indexByColumn.isEmpty()) {
                firstNamingAColumn = candidate;
            }
        }
        return new Search(null, firstNamingAColumn, nonBlankRows > 0);
    }

    static LeadSheetHeader of(SheetRow row) {
        Map<LeadColumn, Integer> indexByColumn = new EnumMap<>(LeadColumn.class);
        for (int i = 0; i < row.cells().size(); i++) {
            int index = i;
            // a column named twice: the first one counts, as a reader's eye would take it
            columnNamed(row.cells().get(i).text()).ifPresent(column -> indexByColumn.putIfAbsent(column, index));
        }
        return new LeadSheetHeader(row.number(), indexByColumn);
    }

    int rowNumber() {
        return rowNumber;
    }

    Set<LeadColumn> columns() {
        return indexByColumn.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(indexByColumn.keySet());
    }

    Set<LeadColumn> missingRequired() {
        Set<LeadColumn> missing = EnumSet.copyOf(LeadColumn.REQUIRED);
        missing.removeAll(indexByColumn.keySet());
        return missing;
    }

    LeadRow leadRow(SheetRow row) {
        Map<LeadColumn, SheetCell> cells = new EnumMap<>(LeadColumn.class);
        indexByColumn.forEach((column, index) -> cells.put(column, row.cell(index)));
        return new LeadRow(row.number(), cells);
    }

    /**
     * @param header the header row, when found
     * @param firstNamingAColumn the first row naming some column, when no header was found
     * @param sawAnyRow whether anything but blank rows was read
     */
    record Search(LeadSheetHeader header, LeadSheetHeader firstNamingAColumn, boolean sawAnyRow) {

        UnreadableSheetException refusal() {
            if (!sawAnyRow) {
                return new UnreadableSheetException(UnreadableSheetException.Problem.EMPTY, "the file is empty");
            }
            if (firstNamingAColumn == null) {
                return new UnreadableSheetException(UnreadableSheetException.Problem.MISSING_COLUMN,
                        "no header row found: none of the first " + ROWS_SEARCHED + " rows names the columns "
                                + headers(LeadColumn.REQUIRED) + " (the columns are "
                                + headers(EnumSet.allOf(LeadColumn.class)) + ")");
            }
            Set<LeadColumn> missing = firstNamingAColumn.missingRequired();
            return new UnreadableSheetException(UnreadableSheetException.Problem.MISSING_COLUMN,
                    "the sheet lacks the required column" + (missing.size() > 1 ? "s " : " ") + headers(missing)
                            + " (header on row " + firstNamingAColumn.rowNumber() + ")");
        }

        private static String headers(Set<LeadColumn> columns) {
            return columns.stream().map(LeadColumn::header).collect(Collectors.joining(", "));
        }
    }
}
