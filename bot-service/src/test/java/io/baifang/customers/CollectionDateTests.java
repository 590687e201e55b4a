package io.baifang.customers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionDateTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-10-17,     2026-10-17",
            "2026/10/17,     2026-10-17",
            "2026年10月17日, 2026-10-17",
            "2026-9-8,       2026-09-08",
            "2026/9/8,       2026-09-08",
            "2026年9月8日,   2026-09-08",
            "2026-09-08,     2026-09-08",
            "2026年09月08日, 2026-09-08",
            "2024-02-29,     2024-02-29",
            "２０２６年１０月１７日, 2026-10-17",
    })
    void readsTheThreeWrittenForms(String written, LocalDate date) {
        assertThat(CollectionDate.read(SheetCell.text(written))).contains(date);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2026-13-05", "2026-02-30", "2025-02-29", "2026-00-10", "2026/10/32",
            "10/17/2026", "17/10/2026", "2026.10.17", "20261017", "2026-10/17", "2026年10月17",
            "26-10-17", "2026-10-17 10:30", "下周一", "46285", "2026年10月",
    })
    void refusesAnythingElse(String written) {
        assertThat(CollectionDate.read(SheetCell.text(written))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-09-20,          2026-09-20",
            "2026-09-20 14:30:00, 2026-09-20",
    })
    void readsADateCellWithOrWithoutATimeOfDay(String cellText, LocalDate date) {
        assertThat(CollectionDate.read(new SheetCell(cellText, SheetCell.Kind.DATE))).contains(date);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"46285", "20261017"})
    void refusesANumberCellThatIsNotFormattedAsADate(String cellText) {
        assertThat(CollectionDate.read(new SheetCell(cellText, SheetCell.Kind.NUMBER))).isEmpty();
    }
}
