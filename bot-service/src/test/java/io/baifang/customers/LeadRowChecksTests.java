package io.baifang.customers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static io.baifang.customers.LeadColumn.BRANCH;
import static io.baifang.customers.LeadColumn.COLLECTED_ON;
import static io.baifang.customers.LeadColumn.CONSENT;
import static io.baifang.customers.LeadColumn.ID_NUMBER;
import static io.baifang.customers.LeadColumn.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

class LeadRowChecksTests {

    LeadRowChecks checks = new LeadRowChecks(LeadSheetSamplesTests.DEMO_BRANCHES::contains,
            Set.of("JLP001", "JLP003")::contains, LeadSheetSamplesTests.NOVEMBER_2026);

    @Test
    void turnsAGoodRowIntoALeadWithItsValues() {
        RowCheck checked = checks.check(row(Map.of(
                LeadColumn.NAME, "丁刚",
                PHONE, "+86 171-1101-5720",
                ID_NUMBER, "51162119640210923x",
                LeadColumn.ADDRESS, "重庆市九龙坡区走马镇孔目村二组1号",
                LeadColumn.VILLAGE, "走马镇孔目村二组",
                BRANCH, "JLP001",
                LeadColumn.TAGS, "外出求学；保险满期; ;外出求学;运输大户",
                LeadColumn.COLLECTOR, "张伟",
                COLLECTED_ON, "2026年9月8日",
                LeadColumn.SOURCE, "电话回访")));

        assertThat(checked).isEqualTo(new CheckedLead(7, "+8617111015720", "丁刚", "51162119640210923X",
                "重庆市九龙坡区走马镇孔目村二组1号", "走马镇孔目村二组", "JLP001",
                java.util.List.of("外出求学", "保险满期", "运输大户"), "张伟", LocalDate.of(2026, 9, 8), "电话回访", null));
    }

    @Test
    void leavesBlankCellsNullAndTagsEmpty() {
        CheckedLead lead = (CheckedLead) checks.check(row(Map.of(PHONE, "18875749118", BRANCH, "JLP003")));

        assertThat(lead.name()).isNull();
        assertThat(lead.idNumber()).isNull();
        assertThat(lead.address()).isNull();
        assertThat(lead.village()).isNull();
        assertThat(lead.collector()).isNull();
        assertThat(lead.collectedOn()).isNull();
        assertThat(lead.source()).isNull();
        assertThat(lead.consent()).isNull();
        assertThat(lead.tags()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "是 | true",
            "否 | false",
            "'' | ",
    })
    void readsConsentAsYesNoOrUnsaid(String consent, Boolean expected) {
        CheckedLead lead = (CheckedLead) checks.check(row(Map.of(PHONE, "18875749118", BRANCH, "JLP001", CONSENT, consent)));

        assertThat(lead.consent()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"可能", "Y", "N", "yes", "1", "同意", "是的", "√"})
    void rejectsAnyOtherConsent(String consent) {
        assertThat(checks.check(row(Map.of(PHONE, "18875749118", BRANCH, "JLP001", CONSENT, consent))))
                .isEqualTo(new RowRejection(7, CONSENT, "expected 是 or 否"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "''      | missing",
            "JLP009  | unknown branch",
            "白市驿  | unknown branch",
            "JLP002  | not one of your branches",
            "JLP004  | not one of your branches",
    })
    void rejectsABranchThatIsMissingUnknownOrNotTheUsers(String branch, String reason) {
        assertThat(checks.check(row(Map.of(PHONE, "18875749118", BRANCH, branch))))
                .isEqualTo(new RowRejection(7, BRANCH, reason));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jlp001", "ＪＬＰ００１", " JLP001 "})
    void readsABranchCodeTypedInLowerCaseOrFullWidth(String branch) {
        assertThat(((CheckedLead) checks.check(row(Map.of(PHONE, "18875749118", BRANCH, branch)))).branch())
                .isEqualTo("JLP001");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "''           | missing",
            "023-68881234 | not a mobile number",
            "12136494292  | invalid mobile number",
    })
    void rejectsAPhoneThatIsMissingNotAMobileOrInvalid(String phone, String reason) {
        assertThat(checks.check(row(Map.of(PHONE, phone, BRANCH, "JLP001"))))
                .isEqualTo(new RowRejection(7, PHONE, reason));
    }

    @Test
    void rejectsAMissingPhoneColumnAsAMissingPhone() {
        assertThat(checks.check(new LeadRow(7, Map.of()))).isEqualTo(new RowRejection(7, PHONE, "missing"));
    }

    @Test
    void rejectsAnIdNumberFromANumberCellAsMangled() {
        Map<LeadColumn, SheetCell> cells = new EnumMap<>(LeadColumn.class);
        cells.put(PHONE, new SheetCell("18875749118", SheetCell.Kind.NUMBER));
        cells.put(ID_NUMBER, new SheetCell("500107000000000000", SheetCell.Kind.NUMBER));
        cells.put(BRANCH, SheetCell.text("JLP001"));

        assertThat(checks.check(new LeadRow(9, cells)))
                .isEqualTo(new RowRejection(9, ID_NUMBER, "number mangled by a spreadsheet"));
    }

    @Test
    void rejectsOnTheFirstFailingCheckInTheOrderOfTheRules() {
        Map<LeadColumn, String> everythingWrong = Map.of(PHONE, "023-68881234", ID_NUMBER, "123",
                BRANCH, "JLP009", COLLECTED_ON, "2026-02-30", CONSENT, "可能");

        assertThat(checks.check(row(everythingWrong)).toString()).contains("column=PHONE");
        assertThat(checks.check(row(with(everythingWrong, PHONE, "18875749118"))))
                .isEqualTo(new RowRejection(7, ID_NUMBER, "length"));
        assertThat(checks.check(row(with(with(everythingWrong, PHONE, "18875749118"), ID_NUMBER, ""))))
                .isEqualTo(new RowRejection(7, BRANCH, "unknown branch"));
        assertThat(checks.check(row(with(with(with(everythingWrong, PHONE, "18875749118"), ID_NUMBER, ""), BRANCH, "JLP001"))))
                .isEqualTo(new RowRejection(7, COLLECTED_ON, "not a date"));
        assertThat(checks.check(row(with(with(with(with(everythingWrong, PHONE, "18875749118"), ID_NUMBER, ""),
                BRANCH, "JLP001"), COLLECTED_ON, "2026-02-28"))))
                .isEqualTo(new RowRejection(7, CONSENT, "expected 是 or 否"));
    }

    @Test
    void acceptsAFutureCollectionDate() {
        CheckedLead lead = (CheckedLead) checks.check(row(Map.of(PHONE, "18875749118", BRANCH, "JLP001",
                COLLECTED_ON, "2027-01-05")));

        assertThat(lead.collectedOn()).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void neverShowsPersonalDataInALeadsText() {
        RowCheck lead = checks.check(row(Map.of(PHONE, "18875749118", BRANCH, "JLP001",
                ID_NUMBER, "511621200306118207", LeadColumn.NAME, "丁刚")));

        assertThat(lead.toString()).doesNotContain("18875749118", "511621200306118207", "丁刚");
    }

    private static LeadRow row(Map<LeadColumn, String> texts) {
        Map<LeadColumn, SheetCell> cells = new EnumMap<>(LeadColumn.class);
        texts.forEach((column, text) -> cells.put(column, SheetCell.text(text)));
        return new LeadRow(7, cells);
    }

    private static Map<LeadColumn, String> with(Map<LeadColumn, String> texts, LeadColumn column, String text) {
        Map<LeadColumn, String> changed = new EnumMap<>(texts);
        changed.put(column, text);
        return changed;
    }
}
