package io.baifang.customers;

import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rows of one worksheet of an XLSX workbook, streamed: only a window of rows is parsed at a time.
 */
final class XlsxSheetRows implements SheetRows {

    /** Excel shows and keeps 15 significant digits; rendering more would invent digits a person never saw. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    /**
     * Built-in formats 27–36 and 50–58 are the East Asian date and time formats ({@code yyyy"年"m"月"d"日"}
     * and the like). Their text is implied by the locale, so the file does not carry it and POI cannot tell
     * they are dates; a workbook saved by Excel or WPS in Chinese uses them.
     */
    private static final Set<Short> EAST_ASIAN_DATE_FORMATS = Set.of(
            (short) 27, (short) 28, (short) 29, (short) 30, (short) 31, (short) 32, (short) 33, (short) 34,
            (short) 35, (short) 36, (short) 50, (short) 51, (short) 52, (short) 53, (short) 54, (short) 55,
            (short) 56, (short) 57, (short) 58);

    private final Workbook workbook;
    private final Iterator<Row> rows;

    private XlsxSheetRows(Workbook workbook, Sheet sheet) {
        this.workbook = workbook;
        this.rows = sheet.rowIterator();
    }

    /**
     * Opens the workbook's lead sheet: the first visible worksheet whose header names the required
     * columns (a workbook may open on a 说明 sheet of instructions, or keep dropdown lists in a hidden one).
     */
    static HeaderedLeadSheet openLeadSheet(Path file) throws UnreadableSheetException {
        Workbook workbook = openWorkbook(file);
        try {
            LeadSheetHeader.Search firstSheetNamingAColumn = null;
            boolean sawAnyRow = false;
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                if (workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i)) {
                    continue;
                }
                XlsxSheetRows rows = new XlsxSheetRows(workbook, sheetAt(workbook, i));
                LeadSheetHeader.Search search = LeadSheetHeader.search(rows);
                if (search.header() != null) {
                    return new HeaderedLeadSheet(LeadSheet.XLSX, rows, search.header());
                }
                sawAnyRow |= search.sawAnyRow();
                if (firstSheetNamingAColumn == null && search.firstNamingAColumn() != null) {
                    firstSheetNamingAColumn = search;
                }
            }
            throw firstSheetNamingAColumn != null
                    ? firstSheetNamingAColumn.refusal()
                    : new LeadSheetHeader.Search(null, null, sawAnyRow).refusal();
        } catch (UnreadableSheetException | RuntimeException failure) {
            closeQuietly(workbook);
            throw failure;
        }
    }

    private static Workbook openWorkbook(Path file) throws UnreadableSheetException {
        try {
            return StreamingReader.builder()
                    .rowCacheSize(200)
                    .bufferSize(8 * 1024)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .open(file.toFile());
        } catch (RuntimeException damaged) {
            throw corrupt("the workbook could not be opened", damaged);
        }
    }

    private static Sheet sheetAt(Workbook workbook, int index) throws UnreadableSheetException {
        try {
            return workbook.getSheetAt(index);
        } catch (RuntimeException damaged) {
            throw corrupt("worksheet " + (index + 1) + " could not be read", damaged);
        }
    }

    @Override
    public SheetRow next() throws UnreadableSheetException {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            Row row = rows.next();
            List<SheetCell> cells = new ArrayList<>();
            for (Cell cell : row) {
                int column = cell.getColumnIndex();
                while (cells.size() < column) {
                    cells.add(SheetCell.blank());
                }
                cells.add(cellOf(cell));
            }
            return new SheetRow(row.getRowNum() + 1, cells);
        } catch (RuntimeException damaged) {
            throw corrupt("the worksheet could not be read to its end", damaged);
        }
    }

    /** A formula cell counts as the value Excel last computed for it. */
    static SheetCell cellOf(Cell cell) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        switch (type) {
            case STRING:
                return SheetCell.text(cell.getStringCellValue());
            case NUMERIC:
                return isDate(cell)
                        ? new SheetCell(dateText(cell.getLocalDateTimeCellValue()), SheetCell.Kind.DATE)
                        : new SheetCell(numberText(cell.getNumericCellValue()), SheetCell.Kind.NUMBER);
            case BOOLEAN:
                return SheetCell.text(cell.getBooleanCellValue() ? "TRUE" : "FALSE");
            case ERROR:
                return SheetCell.text(errorText(cell));
            default:
                return SheetCell.blank();
        }
    }

    /** As a General cell shows it: {@code 18875749118}, never {@code 1.8875749118E10} or {@code 18875749118.0}. */
    static String numberText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal number = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
        return number.signum() == 0 ? "0" : number.toPlainString();
    }

    private static boolean isDate(Cell cell) {
        CellStyle style = cell.getCellStyle();
        if (style == null || !DateUtil.isValidExcelDate(cell.getNumericCellValue())) {
            return false;
        }
        short format = style.getDataFormat();
        String pattern = style.getDataFormatString();
        return DateUtil.isADateFormat(format, pattern)
                || EAST_ASIAN_DATE_FORMATS.contains(format)
                || (pattern != null && pattern.matches(".*[年月日].*") && !pattern.contains("General"));
    }

    private static String dateText(LocalDateTime value) {
        LocalTime time = value.toLocalTime();
        return time.equals(LocalTime.MIDNIGHT)
                ? value.toLocalDate().toString()
                : value.toLocalDate() + " " + TIME_OF_DAY.format(time);
    }

    private static String errorText(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException unknownError) {
            return "#ERROR";
        }
    }

    private static UnreadableSheetException corrupt(String what, RuntimeException cause) {
        return new UnreadableSheetException(UnreadableSheetException.Problem.CORRUPT,
                "the xlsx file is damaged: " + what + "; open it in Excel or WPS and save it again", cause);
    }

    private static void closeQuietly(Workbook workbook) {
        try {
            workbook.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing with a better reason
        }
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
