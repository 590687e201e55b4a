package io.baifang.customers;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Lead-sheet files for tests, written to a temporary folder the way branch staff's tools would write them. */
final class LeadSheetFixture {

    static final String HEADER = "姓名,联系电话,身份证号,家庭住址,村组/社区,网点,客群标签,采集人,采集日期,来源,同意接收短信";
    static final String ROW = "丁刚,17111015720,511621200306118207,重庆市九龙坡区走马镇孔目村二组1号,走马镇孔目村二组,JLP001,外出求学,张伟,2026-10-17,电话回访,是";

    private final Path folder;
    private int files;

    LeadSheetFixture(Path folder) {
        this.folder = folder;
    }

    Path sample(String resource) {
        Path file = folder.resolve(resource);
        try (InputStream in = LeadSheetFixture.class.getResourceAsStream("/samples/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + resource);
            }
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path csv(Charset charset, String text) {
        return bytes(text.getBytes(charset));
    }

    Path bytes(byte... content) {
        Path file = folder.resolve("upload-" + (++files));
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path xlsx(Consumer<XSSFWorkbook> content) {
        Path file = folder.resolve("upload-" + (++files) + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            content.accept(workbook);
            workbook.write(out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Workbook workbook, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens, reads every row and closes. */
    static List<LeadRow> readAll(Path file) throws UnreadableSheetException {
        try (LeadSheet sheet = LeadSheetReader.open(file, file.getFileName().toString())) {
            List<LeadRow> rows = new ArrayList<>();
            sheet.forEachRemaining(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(Path file) throws UnreadableSheetException {
        try (LeadSheet sheet = LeadSheetReader.open(file, file.getFileName().toString())) {
            return sheet.format();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
