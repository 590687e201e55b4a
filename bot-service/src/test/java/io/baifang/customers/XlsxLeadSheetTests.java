package io.baifang.customers;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.baifang.customers.LeadColumn.BRANCH;
import static io.baifang.customers.LeadColumn.COLLECTED_ON;
import static io.baifang.customers.LeadColumn.ID_NUMBER;
import static io.baifang.customers.LeadColumn.NAME;
import static io.baifang.customers.LeadColumn.PHONE;
import static io.baifang.customers.LeadColumn.SOURCE;
import static io.baifang.customers.LeadSheetFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading XLSX workbooks as Excel and WPS save them: numbers, dates, formulas, titles, several sheets. */
class XlsxLeadSheetTests {

    static final String[] HEADER = {"姓名", "联系电话", "身份证号", "网点", "采集日期", "来源"};

    @TempDir
    Path folder;
    LeadSheetFixture files;

    @BeforeEach
    void files() {
        files = new LeadSheetFixture(folder);
    }

    @Test
    void readsANumericPhoneCellWithoutDecimalsOrExponent() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, (Object[]) HEADER);
            row(sheet, 1, "王芳", 18875749118d, "511621200306118207", "JLP001");
            row(sheet, 2, "张伟", 1.8875749118E10, 5.10681199104292602E17, "JLP001");
        });

        List<LeadRow> rows = readAll(file);

        assertThat(rows.get(0).cell(PHONE)).isEqualTo(new SheetCell("18875749118", SheetCell.Kind.NUMBER));
        assertThat(rows.get(0).cell(ID_NUMBER)).isEqualTo(SheetCell.text("511621200306118207"));
        assertThat(rows.get(1).cell(PHONE).text()).isEqualTo("18875749118");
        // the ID number typed as a number: Excel's 15 digits, the last three lost
        assertThat(rows.get(1).cell(ID_NUMBER)).isEqualTo(new SheetCell("510681199104293000", SheetCell.Kind.NUMBER));
    }

    @Test
    void readsDateCellsInTheDateColumnAndElsewhere() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, (Object[]) HEADER);
            CellStyle isoDate = dateStyle(workbook, "yyyy-mm-dd");
            CellStyle excelDate = dateStyle(workbook, "m/d/yy");
            CellStyle chineseDate = dateStyle(workbook, "yyyy\"年\"m\"月\"d\"日\"");
            CellStyle builtInChineseDate = workbook.createCellStyle();
            builtInChineseDate.setDataFormat((short) 31); // yyyy"年"m"月"d"日" in a Chinese Excel: no text in the file
            row(sheet, 1, "王芳", "18875749118", "", "JLP001", date(isoDate, LocalDate.of(2026, 10, 17)),
                    date(excelDate, LocalDate.of(2026, 9, 8)));
            row(sheet, 2, "王芳", "18875749118", "", "JLP001", date(chineseDate, LocalDate.of(2026, 9, 20)));
            row(sheet, 3, "王芳", "18875749118", "", "JLP001", date(builtInChineseDate, LocalDate.of(2026, 11, 2)));
            row(sheet, 4, "王芳", "18875749118", "", "JLP001",
                    date(dateStyle(workbook, "yyyy/m/d h:mm"), LocalDateTime.of(2026, 11, 2, 14, 30)), 46285d);
        });

        List<LeadRow> rows = readAll(file);

        assertThat(rows.get(0).cell(COLLECTED_ON)).isEqualTo(new SheetCell("2026-10-17", SheetCell.Kind.DATE));
        assertThat(rows.get(0).cell(SOURCE)).isEqualTo(new SheetCell("2026-09-08", SheetCell.Kind.DATE));
        assertThat(rows.get(1).cell(COLLECTED_ON)).isEqualTo(new SheetCell("2026-09-20", SheetCell.Kind.DATE));
        assertThat(rows.get(2).cell(COLLECTED_ON)).isEqualTo(new SheetCell("2026-11-02", SheetCell.Kind.DATE));
        assertThat(rows.get(3).cell(COLLECTED_ON)).isEqualTo(new SheetCell("2026-11-02 14:30:00", SheetCell.Kind.DATE));
        assertThat(rows.get(3).cell(SOURCE)).isEqualTo(new SheetCell("46285", SheetCell.Kind.NUMBER));
        assertThat(CollectionDate.read(rows.get(3).cell(COLLECTED_ON))).contains(LocalDate.of(2026, 11, 2));
    }

    @Test
    void readsTheValueAFormulaLastComputed() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, (Object[]) HEADER);
            Row row = row(sheet, 1, "王芳", "", "", "");
            row.getCell(1).setCellFormula("18875749100+18");
            row.getCell(3).setCellFormula("\"JLP\"&\"001\"");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        LeadRow row = readAll(file).get(0);

        assertThat(row.cell(PHONE).text()).isEqualTo("18875749118");
        assertThat(row.cell(BRANCH).text()).isEqualTo("JLP001");
    }

    @Test
    void findsTheHeaderBelowAMergedTitleAndNumbersRowsAsTheSheetDoes() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, "白市驿支行信息采集表");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
            row(sheet, 1, "序号", "*姓 名", " 联系电话 ", "网点（代码）", "采集日期(年-月-日)");
            row(sheet, 2, 1d, "王芳", "18875749118", "JLP001", "2026-10-17");
            row(sheet, 3, "", "", "", "", "");
            row(sheet, 6, 2d, "张伟", "13114245588", "JLP002", "2026/9/8");
        });

        List<LeadRow> rows = readAll(file);

        assertThat(rows).extracting(LeadRow::rowNumber).containsExactly(3, 7);
        assertThat(rows).extracting(row -> row.cell(NAME).text()).containsExactly("王芳", "张伟");
    }

    @Test
    void readsTheFirstVisibleSheetHoldingTheHeader() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet instructions = workbook.createSheet("填表说明");
            row(instructions, 0, "字段", "说明");
            row(instructions, 1, "联系电话", "必填，11位手机号");
            row(instructions, 2, "网点", "必填，网点代码");
            Sheet lists = workbook.createSheet("下拉列表");
            row(lists, 0, (Object[]) HEADER);
            row(lists, 1, "隐藏", "13800000000", "", "JLP004");
            workbook.setSheetVisibility(1, SheetVisibility.HIDDEN);
            Sheet leads = workbook.createSheet("信息采集表");
            row(leads, 0, (Object[]) HEADER);
            row(leads, 1, "王芳", "18875749118", "", "JLP001");
            workbook.createSheet("Sheet3");
        });

        assertThat(readAll(file)).singleElement().satisfies(row -> assertThat(row.cell(NAME).text()).isEqualTo("王芳"));
    }

    @Test
    void refusesAWorkbookWithoutARequiredColumnNamingIt() {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, "姓名", "手机号", "身份证号", "网点");
            row(sheet, 1, "王芳", "18875749118", "", "JLP001");
        });

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                        assertThat(refused.problem()).isEqualTo(UnreadableSheetException.Problem.MISSING_COLUMN))
                .hasMessageContaining("the sheet lacks the required column 联系电话");
    }

    @Test
    void refusesAWorkbookWithNothingInItAsEmpty() {
        Path file = files.xlsx(workbook -> workbook.createSheet("Sheet1"));

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                        assertThat(refused.problem()).isEqualTo(UnreadableSheetException.Problem.EMPTY));
    }

    @Test
    void failsPartWayWhenAWorksheetIsDamaged() throws Exception {
        Path whole = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, (Object[]) HEADER);
            for (int i = 1; i <= 3_000; i++) {
                row(sheet, i, "王芳", "18875749118", "", "JLP001");
            }
        });
        Path damaged = withSheetCutShort(whole);

        LeadSheet leads = LeadSheetReader.open(damaged, "leads.xlsx");
        assertThat(leads.format()).isEqualTo(LeadSheet.XLSX);
        assertThatThrownBy(() -> leads.forEachRemaining(row -> { }))
                .isInstanceOfSatisfying(UnreadableSheetException.Unchecked.class, broken ->
                        assertThat(broken.problem()).isEqualTo(UnreadableSheetException.Problem.CORRUPT));
        leads.close();
    }

    @Test
    void readsAnXlsxSavedUnderAnotherName() throws Exception {
        Path file = files.xlsx(workbook -> {
            Sheet sheet = workbook.createSheet("信息采集表");
            row(sheet, 0, (Object[]) HEADER);
            row(sheet, 1, "王芳", "18875749118", "", "JLP001");
        });

        assertThat(readAll(Files.move(file, folder.resolve("leads.csv")))).hasSize(1);
    }

    /** The sheet's XML stops in the middle, as a file cut off while copying would. */
    private Path withSheetCutShort(Path xlsx) throws IOException {
        Path damaged = folder.resolve("damaged.xlsx");
        try (ZipFile zip = new ZipFile(xlsx.toFile()); OutputStream out = Files.newOutputStream(damaged);
             ZipOutputStream copy = new ZipOutputStream(out)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    content = (xml.substring(0, xml.indexOf("<row r=\"2000\"")) + "<row r=\"2000\"><c r=\"A2000\" t=\"inl")
                            .getBytes(StandardCharsets.UTF_8);
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(content);
                copy.closeEntry();
            }
        }
        return damaged;
    }

    static Row row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof String text) {
                row.createCell(i).setCellValue(text);
            } else if (value instanceof Double number) {
                row.createCell(i).setCellValue(number);
            } else if (value instanceof DateCell date) {
                row.createCell(i).setCellValue(date.value());
                row.getCell(i).setCellStyle(date.style());
            }
        }
        return row;
    }

    record DateCell(CellStyle style, LocalDateTime value) {
    }

    static DateCell date(CellStyle style, LocalDate value) {
        return new DateCell(style, value.atStartOfDay());
    }

    static DateCell date(CellStyle style, LocalDateTime value) {
        return new DateCell(style, value);
    }

    static CellStyle dateStyle(XSSFWorkbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

}
