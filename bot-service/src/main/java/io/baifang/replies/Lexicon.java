package io.baifang.replies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of the reply reader, read from plain text files that staff can extend without a release:
 * {@code <configDir>/lexicons/replies/*.txt}. The rules (precedence, date arithmetic) stay in code.
 * Each file documents its own format in its header.
 */
final class Lexicon {

    static final String FOLDER = "lexicons/replies";
    static final String SYNONYMS_FILE = "synonyms.txt";
    static final String NUMBERS_FILE = "numbers-not-days.txt";

    /** One word of a lexicon file, with where it came from for error messages. */
    record Entry(String text, String source) {
    }

    private final Map<CueCategory, List<Entry>> cues;
    private final Map<String, String> synonyms;
    private final List<String> wordsAfterNumbersThatAreNotDays;
    private final List<String> wordsBeforeNumbersThatAreNotDays;

    Lexicon(Map<CueCategory, List<Entry>> cues, Map<String, String> synonyms,
            List<String> wordsAfterNumbersThatAreNotDays, List<String> wordsBeforeNumbersThatAreNotDays) {
        this.cues = Collections.unmodifiableMap(new EnumMap<>(cues));
        this.synonyms = Collections.unmodifiableMap(new LinkedHashMap<>(synonyms));
        this.wordsAfterNumbersThatAreNotDays = List.copyOf(wordsAfterNumbersThatAreNotDays);
        this.wordsBeforeNumbersThatAreNotDays = List.copyOf(wordsBeforeNumbersThatAreNotDays);
    }

    /** The lexicon shipped with the service, as tests see it (their working directory is the repository root). */
    static Lexicon shipped() {
        return load(Path.of("config"));
    }

    /**
     * Reads {@code <configDir>/lexicons/replies/}. A missing or malformed file fails with a message naming the
     * file and the line, so that a typo made by staff stops the start-up instead of silently reading less.
     */
    static Lexicon load(Path configDir) {
        Path folder = configDir.resolve(FOLDER);
        Map<CueCategory, List<Entry>> cues = new EnumMap<>(CueCategory.class);
        for (CueCategory category : CueCategory.values()) {
            cues.put(category, readCueFile(folder.resolve(category.fileName())));
        }
        Map<String, String> synonyms = readSynonyms(folder.resolve(SYNONYMS_FILE));
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        readNumberWords(folder.resolve(NUMBERS_FILE), after, before);
        return new Lexicon(cues, synonyms, after, before);
    }

    List<Entry> cues(CueCategory category) {
        return cues.getOrDefault(category, List.of());
    }

    Map<String, String> synonyms() {
        return synonyms;
    }

    List<String> wordsAfterNumbersThatAreNotDays() {
        return wordsAfterNumbersThatAreNotDays;
    }

    List<String> wordsBeforeNumbersThatAreNotDays() {
        return wordsBeforeNumbersThatAreNotDays;
    }

    private static List<Entry> readCueFile(Path file) {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (isCommentOrBlank(line)) {
                continue;
            }
            String where = file + " line " + (index + 1);
            checkCueEntry(line, where);
            entries.add(new Entry(line, where));
        }
        return entries;
    }

    private static void checkCueEntry(String entry, String where) {
        String body = entry.startsWith("=") ? entry.substring(1).strip() : entry;
        if (body.isEmpty()) {
            throw malformed(where, "'=' needs a word after it");
        }
        if (entry.startsWith("=") && body.contains("*")) {
            throw malformed(where, "a whole-clause entry (=word) cannot hold a '*' gap");
        }
        if (body.startsWith("*") || body.endsWith("*") || body.contains("**")) {
            throw malformed(where, "'*' must stand between two words, as in 我不是*先生");
        }
        if (body.contains("=>")) {
            throw malformed(where, "'=>' belongs in " + SYNONYMS_FILE);
        }
    }

    private static Map<String, String> readSynonyms(Path file) {
        Map<String, String> synonyms = new LinkedHashMap<>();
        List<String> lines = readLines(file);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (isCommentOrBlank(line)) {
                continue;
            }
            String where = file + " line " + (index + 1);
            int arrow = line.indexOf("=>");
            if (arrow < 0) {
                throw malformed(where, "expected 'from => to'");
            }
            String from = line.substring(0, arrow).strip();
            String to = line.substring(arrow + 2).strip();
            if (from.isEmpty() || to.isEmpty()) {
                throw malformed(where, "both sides of '=>' need a word");
            }
            if (to.contains("=>")) {
                throw malformed(where, "one '=>' per line");
            }
            synonyms.put(from, to);
        }
        return synonyms;
    }

    private static void readNumberWords(Path file, List<String> after, List<String> before) {
        List<String> lines = readLines(file);
        List<String> section = null;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (isCommentOrBlank(line)) {
                continue;
            }
            String where = file + " line " + (index + 1);
            if (line.equals("[after]")) {
                section = after;
            } else if (line.equals("[before]")) {
                section = before;
            } else if (line.startsWith("[")) {
                throw malformed(where, "unknown section " + line + ", expected [after] or [before]");
            } else if (section == null) {
                throw malformed(where, "a word before any section; start with [after] or [before]");
            } else {
                section.add(line);
            }
        }
    }

    private static boolean isCommentOrBlank(String line) {
        return line.isEmpty() || line.startsWith("#");
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Lexicon file " + file + " is missing");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Lexicon file " + file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Lexicon file " + file + " cannot be read", e);
        }
    }

    private static IllegalArgumentException malformed(String where, String problem) {
        return new IllegalArgumentException("Lexicon file " + where + ": " + problem);
    }
}
