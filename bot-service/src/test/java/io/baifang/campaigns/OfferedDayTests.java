package io.baifang.campaigns;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OfferedDayTests {

    @ParameterizedTest(name = "{0} offered on {1}: {2}")
    @CsvSource({
            "2026-12-05, 2026-12-05, 今天",
            "2026-12-06, 2026-12-05, 明天",
            "2026-12-07, 2026-12-05, 后天",
            "2026-12-09, 2026-12-05, 12月9日（周三）",
            "2027-01-01, 2026-12-31, 明天",
            "2026-11-25, 2026-11-20, 11月25日（周三）"})
    void saysTheOfferedDayTheWayTheCustomerReadsItOnTheDayItIsSent(LocalDate offered, LocalDate sent, String said) {
        assertThat(OfferedDay.asSaidOn(offered, sent)).isEqualTo(said);
    }
}
