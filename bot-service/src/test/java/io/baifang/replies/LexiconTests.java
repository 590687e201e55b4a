package io.baifang.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vocabulary lives in files staff can extend; a mistake in one stops the start-up and says where it is. */
class LexiconTests {

    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2027-02-03T14:20:00+08:00");

    @TempDir
    Path configDir;

    @Test
    void theShippedLexiconHasEveryKindOfWord() {
        Lexicon lexicon = Lexicon.shipped();
        for (CueCategory category : CueCategory.values()) {
            assertThat(lexicon.cues(category)).as(category.fileName()).isNotEmpty();
        }
        assertThat(lexicon.synonyms()).containsEntry("明儿个", "明天").containsEntry("后个儿", "后天");
        assertThat(lexicon.wordsAfterNumbersThatAreNotDays()).contains("窗口", "楼", "线", "万");
        assertThat(lexicon.wordsBeforeNumbersThatAreNotDays()).contains("利率");
    }

    @Test
    void aWordStaffAddToAFileIsUnderstoodAfterARestart() throws IOException {
        copyShippedLexicon();
        ReplyReader before = ReplyReader.fromConfigDir(configDir);
        assertThat(before.understand(Reply.of("巴适得板", RECEIVED)).intent()).isEqualTo(Intent.UNKNOWN);

        append("agree.txt", "\n# Sichuan: great, fine\n巴适得板\n");
        ReplyReader after = ReplyReader.fromConfigDir(configDir);

        assertThat(after.understand(Reply.of("巴适得板", RECEIVED)).intent()).isEqualTo(Intent.BOOK);
    }

    @Test
    void aSynonymStaffAddRewritesRepliesBeforeTheyAreRead() throws IOException {
        copyShippedLexicon();
        append("synonyms.txt", "\n明儿早 => 明天早上\n");

        ReplyUnderstanding understanding = ReplyReader.fromConfigDir(configDir).understand(Reply.of("明儿早九点", RECEIVED));

        assertThat(understanding.date()).hasToString("2027-02-04");
        assertThat(understanding.time()).hasToString("09:00");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        copyShippedLexicon();
        Files.delete(folder().resolve("greeting.txt"));

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greeting.txt")
                .hasMessageContaining("missing");
    }

    @Test
    void aWholeClauseMarkWithoutAWordIsReportedWithItsFileAndLine() throws IOException {
        copyShippedLexicon();
        Files.writeString(folder().resolve("agree.txt"), "# agreement\n好的\n=\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .hasMessageContaining("agree.txt line 3");
    }

    @Test
    void aGapAtTheEdgeOfAnEntryIsReportedWithItsFileAndLine() throws IOException {
        copyShippedLexicon();
        Files.writeString(folder().resolve("wrong-person.txt"), "打错了\n我不是*\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .hasMessageContaining("wrong-person.txt line 2")
                .hasMessageContaining("*");
    }

    @Test
    void aSynonymWithoutAnArrowIsReportedWithItsFileAndLine() throws IOException {
        copyShippedLexicon();
        Files.writeString(folder().resolve("synonyms.txt"), "# synonyms\n\n明儿个 -> 明天\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .hasMessageContaining("synonyms.txt line 3")
                .hasMessageContaining("=>");
    }

    @Test
    void aNumberWordOutsideASectionIsReportedWithItsFileAndLine() throws IOException {
        copyShippedLexicon();
        Files.writeString(folder().resolve("numbers-not-days.txt"), "窗口\n[after]\n楼\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .hasMessageContaining("numbers-not-days.txt line 1")
                .hasMessageContaining("section");
    }

    @Test
    void anEntryThatNormalisesToNothingIsReportedWithItsFileAndLine() throws IOException {
        copyShippedLexicon();
        Files.writeString(folder().resolve("decline.txt"), "不去\n\u200b\u200b\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReplyReader.fromConfigDir(configDir))
                .hasMessageContaining("decline.txt line 2");
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        copyShippedLexicon();
        Files.write(folder().resolve("question.txt"), new byte[] {(byte) 0xC4, (byte) 0xE3, (byte) 0xFF, '\n'});

        assertThatThrownBy(() -> Lexicon.load(configDir))
                .hasMessageContaining("question.txt")
                .hasMessageContaining("UTF-8");
    }

    private Path folder() {
        return configDir.resolve(Lexicon.FOLDER);
    }

    private void copyShippedLexicon() throws IOException {
        Path shipped = Path.of("config").resolve(Lexicon.FOLDER);
        Files.createDirectories(folder());
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, folder().resolve(file.getFileName()));
            }
        }
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(folder().resolve(file), Files.readString(folder().resolve(file)) + text, StandardCharsets.UTF_8);
    }
}
