package io.baifang.customers;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.baifang.customers.LeadColumn.ADDRESS;
import static io.baifang.customers.LeadColumn.BRANCH;
import static io.baifang.customers.LeadColumn.COLLECTED_ON;
import static io.baifang.customers.LeadColumn.NAME;
import static io.baifang.customers.LeadColumn.PHONE;
import static io.baifang.customers.LeadSheetFixture.HEADER;
import static io.baifang.customers.LeadSheetFixture.ROW;
import static io.baifang.customers.LeadSheetFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading CSV files as Excel, WPS and branch staff make them. The XLSX side is in {@link XlsxLeadSheetTests}. */
class LeadSheetReaderTests {

    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path folder;
    LeadSheetFixture files;

    @BeforeEach
    void files() {
        files = new LeadSheetFixture(folder);
    }

    @Nested
    class FindingTheHeader {

        @Test
        void numbersRowsAsASpreadsheetDoesWithTheHeaderOnRowOne() throws Exception {
            List<LeadRow> rows = readAll(files.csv(StandardCharsets.UTF_8, HEADER + "\n" + ROW + "\n" + ROW + "\n"));

            assertThat(rows).extracting(LeadRow::rowNumber).containsExactly(2, 3);
            assertThat(rows.get(0).cell(NAME).text()).isEqualTo("丁刚");
        }

        @Test
        void findsTheHeaderBelowATitleRow() throws Exception {
            String sheet = "白市驿支行信息采集表,,,,,,,,,,\n填表说明：联系电话、网点必填,,,,,,,,,,\n" + HEADER + "\n" + ROW + "\n";

            List<LeadRow> rows = readAll(files.csv(StandardCharsets.UTF_8, sheet));

            assertThat(rows).extracting(LeadRow::rowNumber).containsExactly(4);
            assertThat(rows.get(0).cell(PHONE).text()).isEqualTo("17111015720");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                " 联系电话 ", "　联系电话　", "*联系电话", "联系电话*", "＊联系电话", "联系电话(必填)", "联系电话（手机）",
                "联系电话【必填】", "* 联系电话 （11位手机号）", "联系电话:", "联 系 电 话",
        })
        void matchesAHeaderCellWithWhatPeopleAddAroundTheName(String header) {
            assertThat(LeadSheetHeader.columnNamed(header)).contains(PHONE);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "采集日期(年-月-日) | COLLECTED_ON",
                "村组／社区         | VILLAGE",
                "姓　名             | NAME",
                "同意接收短信（是/否）| CONSENT",
                "客群标签(;分隔)    | TAGS",
        })
        void matchesEveryColumnByItsName(String header, LeadColumn column) {
            assertThat(LeadSheetHeader.columnNamed(header)).contains(column);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"白市驿支行信息采集表", "手机号码", "电话", "网点名称", "联系电话及微信", ""})
        void doesNotTakeOtherTextForAColumn(String header) {
            assertThat(LeadSheetHeader.columnNamed(header)).isEmpty();
        }

        @Test
        void readsColumnsInAnyOrderAndIgnoresUnknownOnes() throws Exception {
            String sheet = "序号,网点,备注,*联系电话,姓　名,采集日期(年-月-日)\n"
                    + "1,JLP002,老客户,188 7574 9118,王芳,2026/9/8\n";

            LeadRow row = readAll(files.csv(StandardCharsets.UTF_8, sheet)).get(0);

            assertThat(row.cells()).containsOnlyKeys(BRANCH, PHONE, NAME, COLLECTED_ON);
            assertThat(row.cell(BRANCH).text()).isEqualTo("JLP002");
            assertThat(row.cell(PHONE).text()).isEqualTo("188 7574 9118");
            assertThat(row.cell(NAME).text()).isEqualTo("王芳");
            assertThat(row.cell(COLLECTED_ON).text()).isEqualTo("2026/9/8");
            assertThat(row.cell(ADDRESS).isBlank()).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "姓名,身份证号,网点          | 联系电话",
                "姓名,联系电话,身份证号      | 网点",
                "姓名,身份证号,家庭住址      | 联系电话, 网点",
                "姓名,手机号码,所属网点      | 联系电话, 网点",
        })
        void refusesASheetWithoutARequiredColumnNamingEveryMissingOne(String header, String missing) {
            Path file = files.csv(StandardCharsets.UTF_8, header + "\n王芳,18875749118,JLP001\n");

            assertThatThrownBy(() -> readAll(file))
                    .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                            assertThat(refused.problem()).isEqualTo(UnreadableSheetException.Problem.MISSING_COLUMN))
                    .hasMessageContaining("lacks the required column")
                    .hasMessageContaining(missing);
        }

        @Test
        void refusesASheetWithoutAHeaderRow() {
            Path file = files.csv(StandardCharsets.UTF_8, "王芳,18875749118,JLP001\n张伟,13114245588,JLP002\n");

            assertThatThrownBy(() -> readAll(file))
                    .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                            assertThat(refused.problem()).isEqualTo(UnreadableSheetException.Problem.MISSING_COLUMN))
                    .hasMessageContaining("no header row");
        }
    }

    @Nested
    class TellingTheEncoding {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"UTF-8, CSV (UTF-8)", "GBK, CSV (GBK)", "GB18030, CSV (GBK)"})
        void readsChineseTextInTheEncodingItWasSavedIn(String charset, String format) throws Exception {
            Path file = files.csv(Charset.forName(charset), HEADER + "\r\n" + ROW + "\r\n");

            assertThat(LeadSheetFixture.format(file)).isEqualTo(format);
            assertThat(readAll(file)).singleElement()
                    .satisfies(row -> assertThat(row.cell(ADDRESS).text()).isEqualTo("重庆市九龙坡区走马镇孔目村二组1号"));
        }

        @Test
        void readsUtf8WithAByteOrderMarkWithoutTheMarkInTheFirstHeader() throws Exception {
            Path file = files.csv(StandardCharsets.UTF_8, "\uFEFF" + HEADER + "\n" + ROW + "\n");

            assertThat(LeadSheetFixture.format(file)).isEqualTo(LeadSheet.CSV_UTF_8);
            assertThat(readAll(file).get(0).cell(NAME).text()).isEqualTo("丁刚");
        }

        @Test
        void tellsGbkByTheWholeFileNotItsFirstRows() throws Exception {
            StringBuilder sheet = new StringBuilder("序号,联系电话,网点,姓名\n");
            for (int i = 0; i < 5_000; i++) {
                sheet.append(i).append(",18875749118,JLP001,\n");
            }
            sheet.append("5000,18875749118,JLP001,王芳\n");
            Path file = files.csv(GBK, sheet.toString());

            List<LeadRow> rows = readAll(file);

            assertThat(LeadSheetFixture.format(file)).isEqualTo(LeadSheet.CSV_GBK);
            assertThat(rows.get(rows.size() - 1).cell(NAME).text()).isEqualTo("王芳");
        }

        @Test
        void readsCarriageReturnsAloneAsLineEnds() throws Exception {
            assertThat(readAll(files.csv(StandardCharsets.UTF_8, HEADER + "\r" + ROW + "\r" + ROW)))
                    .extracting(LeadRow::rowNumber).containsExactly(2, 3);
        }

        @Test
        void readsATabSeparatedExport() throws Exception {
            Path file = files.csv(StandardCharsets.UTF_8, HEADER.replace(',', '\t') + "\n" + ROW.replace(',', '\t') + "\n");

            assertThat(readAll(file).get(0).cell(BRANCH).text()).isEqualTo("JLP001");
        }
    }

    @Nested
    class ReadingRecords {

        @Test
        void countsAQuotedCellSpanningLinesAsOneRow() throws Exception {
            String sheet = HEADER + "\n"
                    + "王芳,18875749118,,\"重庆市九龙坡区\n走马镇, 孔目村\"\"二组\"\"\",,JLP001,,,,,\n"
                    + ROW + "\n";

            List<LeadRow> rows = readAll(files.csv(StandardCharsets.UTF_8, sheet));

            assertThat(rows).extracting(LeadRow::rowNumber).containsExactly(2, 3);
            assertThat(rows.get(0).cell(ADDRESS).text()).isEqualTo("重庆市九龙坡区\n走马镇, 孔目村\"二组\"");
            assertThat(rows.get(0).cell(BRANCH).text()).isEqualTo("JLP001");
        }

        @Test
        void skipsBlankRowsButKeepsCountingThem() throws Exception {
            String sheet = HEADER + "\n" + ROW + "\n,,,,,,,,,,\n\n , 　,\"\",,\n" + ROW + "\n,,,,,,,,,,\n,,,,,,,,,,\n";

            assertThat(readAll(files.csv(StandardCharsets.UTF_8, sheet)))
                    .extracting(LeadRow::rowNumber).containsExactly(2, 6);
        }

        @Test
        void readsRowsShorterOrLongerThanTheHeader() throws Exception {
            String sheet = HEADER + ",,,\n王芳,18875749118\n王芳,18875749118,,,,JLP001,,,,,,多余,,\n";

            List<LeadRow> rows = readAll(files.csv(StandardCharsets.UTF_8, sheet));

            assertThat(rows.get(0).cell(BRANCH).isBlank()).isTrue();
            assertThat(rows.get(1).cell(BRANCH).text()).isEqualTo("JLP001");
        }

        @Test
        void trimsCellsAndUnwrapsTextForcedByAFormula() throws Exception {
            String sheet = "联系电话,网点,身份证号,姓名\n=\"18875749118\", JLP001\t,\"=\"\"511621200306118207\"\"\",\u3000王芳\u00A0\n";

            LeadRow row = readAll(files.csv(StandardCharsets.UTF_8, sheet)).get(0);

            assertThat(row.cell(PHONE).text()).isEqualTo("18875749118");
            assertThat(row.cell(BRANCH).text()).isEqualTo("JLP001");
            assertThat(row.cell(LeadColumn.ID_NUMBER).text()).isEqualTo("511621200306118207");
            assertThat(row.cell(NAME).text()).isEqualTo("王芳");
        }

        @Test
        void readsStrayQuotesAsExcelDoes() throws Exception {
            String sheet = "联系电话,网点,姓名\n18875749118,JLP001,王\"芳\n18875749118,JLP001,\"王\"芳\n";

            assertThat(readAll(files.csv(StandardCharsets.UTF_8, sheet)))
                    .extracting(row -> row.cell(NAME).text()).containsExactly("王\"芳", "王芳");
        }

        @Test
        void failsPartWayWhenAQuoteIsNeverClosed() throws Exception {
            StringBuilder sheet = new StringBuilder(HEADER).append('\n');
            for (int i = 0; i < 100; i++) {
                sheet.append(ROW).append('\n');
            }
            sheet.append("王芳,18875749118,,\"重庆市九龙坡区,,JLP001\n").append(ROW).append('\n');
            LeadSheet leads = LeadSheetReader.open(files.csv(StandardCharsets.UTF_8, sheet.toString()), "leads.csv");

            assertThatThrownBy(() -> leads.forEachRemaining(row -> { }))
                    .isInstanceOfSatisfying(UnreadableSheetException.Unchecked.class, broken ->
                            assertThat(broken.problem()).isEqualTo(UnreadableSheetException.Problem.CORRUPT))
                    .hasMessageContaining("row 102");
            leads.close();
        }

        @Test
        void refusesAtOnceWhenAQuoteOpenedAboveTheHeaderIsNeverClosed() {
            Path file = files.csv(StandardCharsets.UTF_8, "\"白市驿支行信息采集表\n" + HEADER + "\n" + ROW + "\n");

            assertThatThrownBy(() -> readAll(file))
                    .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                            assertThat(refused.problem()).isEqualTo(UnreadableSheetException.Problem.CORRUPT));
        }
    }

    @Nested
    class RefusingWhatIsNoSheet {

        @Test
        void refusesAnEmptyFile() {
            assertRefused(files.bytes(), UnreadableSheetException.Problem.EMPTY, "the file is empty");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"\uFEFF", "\n\n\n", ",,,,\r\n,,,,\r\n", " \t "})
        void refusesAFileOfBlankRowsAsEmpty(String text) {
            assertRefused(files.csv(StandardCharsets.UTF_8, text), UnreadableSheetException.Problem.EMPTY, "empty");
        }

        @Test
        void refusesALegacyXlsWorkbook() throws IOException {
            ByteArrayOutputStream xls = new ByteArrayOutputStream();
            try (HSSFWorkbook workbook = new HSSFWorkbook()) {
                workbook.createSheet("信息采集表").createRow(0).createCell(0).setCellValue("联系电话");
                workbook.write(xls);
            }

            assertRefused(files.bytes(xls.toByteArray()), UnreadableSheetException.Problem.UNSUPPORTED_FORMAT,
                    "legacy .xls is not supported");
        }

        @Test
        void refusesAZipThatIsNoWorkbook() throws IOException {
            assertRefused(files.bytes(zip("word/document.xml", "<w:document/>")),
                    UnreadableSheetException.Problem.NOT_A_SHEET, "zip");
        }

        @Test
        void refusesAnOpenDocumentSpreadsheet() throws IOException {
            assertRefused(files.bytes(zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet")),
                    UnreadableSheetException.Problem.UNSUPPORTED_FORMAT, ".ods");
        }

        @Test
        void refusesADamagedXlsx() {
            assertRefused(files.bytes(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}),
                    UnreadableSheetException.Problem.CORRUPT, "damaged");
        }

        @Test
        void refusesAPdf() {
            assertRefused(files.bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)),
                    UnreadableSheetException.Problem.NOT_A_SHEET, "PDF");
        }

        @Test
        void refusesAPicture() {
            assertRefused(files.bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}),
                    UnreadableSheetException.Problem.NOT_A_SHEET, "image");
        }

        @Test
        void refusesBinaryData() {
            byte[] binary = new byte[4096];
            new java.util.Random(7).nextBytes(binary);
            binary[0] = 'x';
            assertRefused(files.bytes(binary), UnreadableSheetException.Problem.NOT_A_SHEET, "binary data");
        }

        @Test
        void refusesTextThatIsNeitherUtf8NorGbk() {
            byte[] text = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] undecodable = java.util.Arrays.copyOf(text, text.length + 2);
            undecodable[text.length] = (byte) 0xFF;
            undecodable[text.length + 1] = (byte) 0xFF;
            assertRefused(files.bytes(undecodable), UnreadableSheetException.Problem.NOT_A_SHEET, "neither UTF-8 nor GBK");
        }

        @Test
        void refusesAWebPageSavedAsASpreadsheet() {
            assertRefused(files.csv(StandardCharsets.UTF_8, "<html><table><tr><td>联系电话</td></tr></table></html>"),
                    UnreadableSheetException.Problem.UNSUPPORTED_FORMAT, "web page");
        }

        @Test
        void refusesUtf16Text() {
            assertRefused(files.csv(StandardCharsets.UTF_16LE, "\uFEFF" + HEADER.replace(',', '\t') + "\n"),
                    UnreadableSheetException.Problem.UNSUPPORTED_FORMAT, "UTF-16");
        }

        private void assertRefused(Path file, UnreadableSheetException.Problem problem, String message) {
            assertThatThrownBy(() -> LeadSheetReader.open(file, "leads.csv").close())
                    .isInstanceOfSatisfying(UnreadableSheetException.class, refused ->
                            assertThat(refused.problem()).isEqualTo(problem))
                    .hasMessageContaining(message);
        }

        private byte[] zip(String entry, String content) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return bytes.toByteArray();
        }
    }

    @Test
    void givesEachRowOnlyTheColumnsTheSheetHas() throws Exception {
        LeadRow row = readAll(files.csv(StandardCharsets.UTF_8, "联系电话,网点\n18875749118,JLP001\n")).get(0);

        assertThat(row.cells()).isEqualTo(Map.of(PHONE, SheetCell.text("18875749118"), BRANCH, SheetCell.text("JLP001")));
        assertThat(row.cell(NAME)).isEqualTo(SheetCell.blank());
    }

    @Test
    void readsTheSameWhateverTheFileIsNamed() throws Exception {
        Path csvNamedXlsx = Files.move(files.csv(StandardCharsets.UTF_8, HEADER + "\n" + ROW + "\n"), folder.resolve("leads.xlsx"));

        assertThat(readAll(csvNamedXlsx)).hasSize(1);
    }
}
