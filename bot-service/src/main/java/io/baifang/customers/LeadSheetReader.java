package io.baifang.customers;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import static io.baifang.customers.UnreadableSheetException.Problem.CORRUPT;
import static io.baifang.customers.UnreadableSheetException.Problem.EMPTY;
import static io.baifang.customers.UnreadableSheetException.Problem.NOT_A_SHEET;
import static io.baifang.customers.UnreadableSheetException.Problem.UNSUPPORTED_FORMAT;

/**
 * Opens a lead sheet saved to disk and streams its rows; never holds the whole sheet in memory.
 *
 * <p>What a file is comes from its content, not its name: staff rename files, systems export HTML as
 * ".xls", and WPS saves CSV under whatever name was typed. An XLSX is a zip holding
 * {@code xl/workbook.xml}; anything else must be text, in UTF-8 (told by decoding it strictly, BOM or
 * not) or else GBK, which is what Excel on a Chinese Windows writes (decoded as GB18030, its superset).
 */
final class LeadSheetReader {

    /** Enough of the file to recognise it by its first bytes. */
    private static final int SNIFFED_BYTES = 64 * 1024;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String LEGACY_XLS = "legacy .xls is not supported: save it as .xlsx or CSV";

    private LeadSheetReader() {
    }

    /**
     * @param file the uploaded file
     * @param originalFilename the name it was uploaded under; only used to word a refusal
     */
    static LeadSheet open(Path file, String originalFilename) throws UnreadableSheetException {
        byte[] head = head(file);
        if (head.length == 0) {
            throw new UnreadableSheetException(EMPTY, "the file is empty");
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            requireXlsx(file);
            return XlsxSheetRows.openLeadSheet(file);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw refusalOfOfficeBinary(file, originalFilename);
        }
        refuseKnownBinary(head);
        if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
            throw new UnreadableSheetException(UNSUPPORTED_FORMAT,
                    "UTF-16 text (Excel's \"Unicode text\") is not supported: save it as CSV (UTF-8) or .xlsx");
        }
        if (looksBinary(head)) {
            throw new UnreadableSheetException(NOT_A_SHEET,
                    "this is not a CSV or XLSX lead sheet (it looks like binary data)");
        }
        return openCsv(file, head);
    }

    private static LeadSheet openCsv(Path file, byte[] head) throws UnreadableSheetException {
        boolean bom = startsWith(head, 0xEF, 0xBB, 0xBF);
        String start = new String(head, bom ? 3 : 0, head.length - (bom ? 3 : 0), bom ? StandardCharsets.UTF_8 : GB18030)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("<")) {
            throw new UnreadableSheetException(UNSUPPORTED_FORMAT,
                    "this is a web page or XML file, not CSV (some systems export those under a spreadsheet name): "
                            + "open it in Excel or WPS and save it as .xlsx or CSV");
        }
        Charset charset;
        String format;
        if (bom || decodesStrictly(file, StandardCharsets.UTF_8)) {
            charset = StandardCharsets.UTF_8;
            format = LeadSheet.CSV_UTF_8;
        } else if (decodesStrictly(file, GB18030)) {
            charset = GB18030;
            format = LeadSheet.CSV_GBK;
        } else {
            throw new UnreadableSheetException(NOT_A_SHEET,
                    "this is not a CSV or XLSX lead sheet (its text is neither UTF-8 nor GBK)");
        }
        char delimiter = delimiterOf(start);
        Reader reader = reader(file, charset, bom);
        try {
            CsvSheetRows rows = new CsvSheetRows(reader, delimiter);
            return new HeaderedLeadSheet(format, rows, LeadSheetHeader.find(rows));
        } catch (UnreadableSheetException | RuntimeException refused) {
            closeQuietly(reader);
            throw refused;
        }
    }

    /** Commas, unless the file is tab-separated (Excel's "text" export): a header row always has one or the other. */
    private static char delimiterOf(String start) {
        return start.indexOf(',') < 0 && start.indexOf('\t') >= 0 ? '\t' : ',';
    }

    private static Reader reader(Path file, Charset charset, boolean bom) throws UnreadableSheetException {
        try {
            InputStream in = Files.newInputStream(file);
            if (bom) {
                in.skipNBytes(3);
            }
            return new BufferedReader(new InputStreamReader(in, strict(charset)), 64 * 1024);
        } catch (IOException unreadable) {
            throw new UnreadableSheetException(CORRUPT, "the file could not be read", unreadable);
        }
    }

    /** One pass over the whole file, keeping nothing: a GBK file can look like UTF-8 for its first many rows. */
    private static boolean decodesStrictly(Path file, Charset charset) throws UnreadableSheetException {
        char[] buffer = new char[16 * 1024];
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), strict(charset))) {
            int read;
            while ((read = reader.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\u0000') {
                        return false;
                    }
                }
            }
            return true;
        } catch (CharacterCodingException undecodable) {
            return false;
        } catch (IOException unreadable) {
            throw new UnreadableSheetException(CORRUPT, "the file could not be read", unreadable);
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void requireXlsx(Path file) throws UnreadableSheetException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return;
            }
            if (zip.getEntry("xl/workbook.bin") != null) {
                throw new UnreadableSheetException(UNSUPPORTED_FORMAT,
                        "binary .xlsb workbooks are not supported: save it as .xlsx or CSV");
            }
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null && new String(zip.getInputStream(mimetype).readNBytes(100), StandardCharsets.US_ASCII)
                    .contains("opendocument.spreadsheet")) {
                throw new UnreadableSheetException(UNSUPPORTED_FORMAT,
                        "OpenDocument .ods sheets are not supported: save it as .xlsx or CSV");
            }
            throw new UnreadableSheetException(NOT_A_SHEET,
                    "this is not a CSV or XLSX lead sheet (it is a zip archive without a workbook in it)");
        } catch (ZipException damaged) {
            throw new UnreadableSheetException(CORRUPT,
                    "the file is damaged: it starts like an .xlsx but is not a readable zip; save it again", damaged);
        } catch (IOException unreadable) {
            throw new UnreadableSheetException(CORRUPT, "the file could not be read", unreadable);
        }
    }

    /** Legacy .xls, WPS .et, Word .doc and password-protected .xlsx all share the OLE2 container; its entries tell them apart. */
    private static UnreadableSheetException refusalOfOfficeBinary(Path file, String originalFilename) {
        try (POIFSFileSystem container = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = container.getRoot();
            if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
                return new UnreadableSheetException(UNSUPPORTED_FORMAT,
                        "the workbook is password-protected: remove the password and save it again");
            }
            if (root.hasEntry("WordDocument") || root.hasEntry("PowerPoint Document")) {
                return new UnreadableSheetException(NOT_A_SHEET,
                        "this is not a CSV or XLSX lead sheet (it is a Word or PowerPoint document)");
            }
        } catch (IOException | RuntimeException unreadableContainer) {
            // an old or damaged container: still most likely a legacy workbook, which is what we say
        }
        boolean wps = originalFilename != null && originalFilename.toLowerCase(Locale.ROOT).endsWith(".et");
        return new UnreadableSheetException(UNSUPPORTED_FORMAT,
                wps ? "WPS .et sheets are not supported: save it as .xlsx or CSV" : LEGACY_XLS);
    }

    private static void refuseKnownBinary(byte[] head) throws UnreadableSheetException {
        String kind = null;
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            kind = "a PDF";
        } else if (startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF)
                || startsWith(head, 'G', 'I', 'F', '8') || startsWith(head, 'R', 'I', 'F', 'F')) {
            kind = "an image";
        } else if (startsWith(head, 0x1F, 0x8B) || startsWith(head, 'R', 'a', 'r', '!')
                || startsWith(head, '7', 'z', 0xBC, 0xAF)) {
            kind = "a compressed archive";
        }
        if (kind != null) {
            throw new UnreadableSheetException(NOT_A_SHEET, "this is not a CSV or XLSX lead sheet (it looks like " + kind + ")");
        }
    }

    /** Text has no NUL bytes and hardly any other control bytes; binary data is full of them. */
    private static boolean looksBinary(byte[] head) {
        int controls = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A && b != 0x1B) {
                controls++;
            }
        }
        return controls > Math.max(2, head.length / 200);
    }

    private static byte[] head(Path file) throws UnreadableSheetException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFFED_BYTES);
        } catch (IOException unreadable) {
            throw new UnreadableSheetException(CORRUPT, "the file could not be read", unreadable);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // already failing with a better reason
        }
    }
}
