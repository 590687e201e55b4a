package io.baifang.branches;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchNetworkFileTests {

    @Test
    void theShippedDemoNetworkHasTheSampleBranchesOpenEveryDay() {
        BranchNetwork network = BranchNetworkFile.load(Path.of("config/branches.yml"));

        for (String code : new String[] {"JLP001", "JLP002", "JLP003", "JLP004"}) {
            Branch branch = network.find(code).orElseThrow();
            assertThat(branch.district()).isEqualTo("九龙坡区");
            assertThat(branch.dailyContactTarget()).isEqualTo(20);
            for (DayOfWeek day : DayOfWeek.values()) {
                assertThat(branch.openingHours().get(day))
                        .isEqualTo(new OpeningHours(LocalTime.of(8, 30), LocalTime.of(17, 30)));
            }
        }
    }

    @Test
    void singleDaysOverrideGroupsAndClosedDatesCloseTheBranch() {
        BranchNetwork network = parse("""
                branches:
                  - code: SPB001
                    name: 青木关支行
                    openingHours: {weekdays: "08:30-17:30", saturday: "9:00-16:00", sunday: closed}
                    closedDates: [2027-02-05]
                    capacityPerHalfHour: 3
                    dailyContactTarget: 20
                """);

        Branch branch = network.find("SPB001").orElseThrow();
        assertThat(branch.hoursOn(LocalDate.of(2027, 2, 6))).contains(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(16, 0)));
        assertThat(branch.hoursOn(LocalDate.of(2027, 2, 7))).isEmpty();
        assertThat(branch.hoursOn(LocalDate.of(2027, 2, 5))).isEmpty();
        assertThat(branch.hoursOn(LocalDate.of(2027, 2, 8))).isPresent();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "code: jlp001                                   | code 'jlp001' must be 2–32 upper-case",
            "code: JLP001, openingHours: {daily: '9-5'}     | openingHours.daily: '9-5' is not opening hours",
            "code: JLP001, openingHours: {daily: '18:00-09:00'} | is not a valid time range",
            "code: JLP001, openingHours: {someday: closed}  | openingHours.someday is not a weekday",
            "code: JLP001, capacityPerHalfHour: 0           | capacityPerHalfHour must be a whole number above 0",
            "code: JLP001, closedDates: [2027-02-30]        | closedDates entry '2027-02-30' is not a date",
            "code: JLP001, colour: red                      | unknown field 'colour'",
            "name: 无代码支行                                  | code is required"})
    void aBadEntryStopsStartUpWithAMessageNamingIt(String fields, String message) {
        String yaml = "defaults: {openingHours: {daily: '08:30-17:30'}, capacityPerHalfHour: 4, dailyContactTarget: 20}\n"
                + "branches:\n  - {name: 甲, code: JLP009}\n  - {name: 乙, " + fields + "}\n";

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidBranchConfiguration.class)
                .hasMessageContaining("branch #2")
                .hasMessageContaining(message);
    }

    @Test
    void aCodeThatAppearsTwiceIsRefused() {
        assertThatThrownBy(() -> parse("""
                defaults: {openingHours: {daily: "08:30-17:30"}, capacityPerHalfHour: 4, dailyContactTarget: 20}
                branches:
                  - {code: JLP001, name: 甲}
                  - {code: JLP001, name: 乙}
                """)).hasMessageContaining("JLP001 appears twice");
    }

    @Test
    void aMissingFileSaysWhereItLookedAndWhichSettingToChange() {
        assertThatThrownBy(() -> BranchNetworkFile.load(Path.of("no-such-dir/branches.yml")))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("BAIFANG_CONFIG_DIR");
    }

    private static BranchNetwork parse(String yaml) {
        return BranchNetworkFile.parse(YAMLMapper.builder().build().readTree(yaml), "test.yml");
    }
}
