package io.baifang.customers;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Large sheets are read row by row: the heap does not grow with the sheet. Each test keeps nothing of the
 * rows but a count, and measures the heap in use with the sheet open after reading it all; a reader that
 * held the rows would hold hundreds of megabytes by then.
 */
class LeadSheetStreamingTests {

    /** Far below what 200,000 rows of eleven strings take on the heap (several hundred MB). */
    static final long MOST_HEAP_GROWTH = 64L * 1024 * 1024;
    /**
     * Each read takes about 4 s on a 2-core machine; the bound is wide because test runs share the machine,
     * and is there to catch a reader that slows down with the rows it has read, which would take minutes.
     */
    static final Duration LONGEST_READ = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void readsA200000RowCsvInAFewSecondsWithoutHoldingIt() throws Exception {
        Path file = folder.resolve("leads.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\uFEFF" + LeadSheetFixture.HEADER + "\r\n");
            for (int i = 0; i < 200_000; i++) {
                out.write("客户" + i + ",188" + String.format("%08d", i) + ",511621200306118207,重庆市九龙坡区走马镇孔目村二组"
                        + i + "号,走马镇孔目村二组,JLP00" + (1 + i % 4) + ",外出务工;保险满期,张伟,2026-10-17,电话回访,是\r\n");
            }
        }

        long rows = assertTimeoutPreemptively(LONGEST_READ, () -> countRowsMeasuringTheHeap(file));

        assertThat(rows).isEqualTo(200_000);
    }

    @Test
    void readsA50000RowXlsxWithoutHoldingIt() throws Exception {
        Path file = folder.resolve("leads.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("信息采集表");
            Row header = sheet.createRow(0);
            String[] columns = LeadSheetFixture.HEADER.split(",");
            for (int c = 0; c < columns.length; c++) {
                header.createCell(c).setCellValue(columns[c]);
            }
            for (int i = 1; i <= 50_000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("客户" + i);
                row.createCell(1).setCellValue(18800000000d + i);
                row.createCell(2).setCellValue("511621200306118207");
                row.createCell(3).setCellValue("重庆市九龙坡区走马镇孔目村二组" + i + "号");
                row.createCell(5).setCellValue("JLP00" + (1 + i % 4));
                row.createCell(6).setCellValue("外出务工;保险满期");
                row.createCell(8).setCellValue("2026-10-17");
                row.createCell(10).setCellValue("是");
            }
            workbook.write(out);
        }

        long rows = assertTimeoutPreemptively(LONGEST_READ, () -> countRowsMeasuringTheHeap(file));

        assertThat(rows).isEqualTo(50_000);
    }

    @Test
    void checksA200000RowCsvInAFewSeconds() throws Exception {
        Path file = folder.resolve("leads.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(LeadSheetFixture.HEADER + "\n");
            for (int i = 0; i < 200_000; i++) {
                out.write(LeadSheetFixture.ROW + "\n");
            }
        }
        LeadRowChecks checks = new LeadRowChecks(Set.of("JLP001")::contains, branch -> true, LeadSheetSamplesTests.NOVEMBER_2026);

        long leads = assertTimeoutPreemptively(LONGEST_READ, () -> {
            long checked = 0;
            try (LeadSheet sheet = LeadSheetReader.open(file, "leads.csv")) {
                while (sheet.hasNext()) {
                    if (checks.check(sheet.next()) instanceof CheckedLead) {
                        checked++;
                    }
                }
            }
            return checked;
        });

        assertThat(leads).isEqualTo(200_000);
    }

    private static long countRowsMeasuringTheHeap(Path file) throws UnreadableSheetException, IOException {
        long before = usedHeapAfterGc();
        long rows = 0;
        try (LeadSheet sheet = LeadSheetReader.open(file, file.getFileName().toString())) {
            while (sheet.hasNext()) {
                sheet.next();
                rows++;
            }
            long growth = usedHeapAfterGc() - before;
            assertThat(growth).as("heap growth with the sheet read and still open").isLessThan(MOST_HEAP_GROWTH);
        }
        return rows;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
