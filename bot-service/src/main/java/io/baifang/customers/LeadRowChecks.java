package io.baifang.customers;

import io.baifang.shared.MobileNumberCheck;
import io.baifang.shared.PhoneNumbers;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The checks a lead-sheet row must pass before anyone looks for who it is, in the order of the rules:
 * 联系电话, 身份证号, 网点, 采集日期, 同意接收短信. The first that fails rejects the row.
 */
final class LeadRowChecks {

    static final String YES = "是";
    static final String NO = "否";

    /** The service's zone: a birth date is "in the future" by the calendar on the branch's wall. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[;；]");

    private final Predicate<String> isKnownBranch;
    private final Predicate<String> isUsersBranch;
    private final Clock clock;

    /**
     * @param isKnownBranch whether a code is a branch of the deployment's configuration
     * @param isUsersBranch whether the importing user may import customers of that branch
     * @param clock what "today" is, for birth dates in ID numbers
     */
    LeadRowChecks(Predicate<String> isKnownBranch, Predicate<String> isUsersBranch, Clock clock) {
        this.isKnownBranch = isKnownBranch;
        this.isUsersBranch = isUsersBranch;
        this.clock = clock;
    }

    /** Checks against the system clock, in China's zone. */
    LeadRowChecks(Predicate<String> isKnownBranch, Predicate<String> isUsersBranch) {
        this(isKnownBranch, isUsersBranch, Clock.system(CHINA));
    }

    RowCheck check(LeadRow row) {
        MobileNumberCheck phone = PhoneNumbers.checkMobile(row.cell(LeadColumn.PHONE).text());
        if (!phone.isMobile()) {
            return rejection(row, LeadColumn.PHONE, phoneReason(phone.outcome()));
        }

        SheetCell idCell = row.cell(LeadColumn.ID_NUMBER);
        String idNumber = null;
        if (!idCell.isBlank()) {
            ResidentIdNumber.Reading id = ResidentIdNumber.read(idCell.text(),
                    idCell.kind() == SheetCell.Kind.NUMBER, LocalDate.now(clock));
            if (id instanceof ResidentIdNumber.Faulty faulty) {
                return rejection(row, LeadColumn.ID_NUMBER, faulty.fault().reason());
            }
            idNumber = ((ResidentIdNumber.Valid) id).number();
        }

        String branch = branchCode(row.cell(LeadColumn.BRANCH));
        if (branch == null) {
            return rejection(row, LeadColumn.BRANCH, "missing");
        }
        if (!isKnownBranch.test(branch)) {
            return rejection(row, LeadColumn.BRANCH, "unknown branch");
        }
        if (!isUsersBranch.test(branch)) {
            return rejection(row, LeadColumn.BRANCH, "not one of your branches");
        }

        SheetCell dateCell = row.cell(LeadColumn.COLLECTED_ON);
        LocalDate collectedOn = null;
        if (!dateCell.isBlank()) {
            Optional<LocalDate> date = CollectionDate.read(dateCell);
            if (date.isEmpty()) {
                return rejection(row, LeadColumn.COLLECTED_ON, "not a date");
            }
            collectedOn = date.get();
        }

        String consentText = row.cell(LeadColumn.CONSENT).text();
        Boolean consent = null;
        if (!consentText.isEmpty()) {
            if (!consentText.equals(YES) && !consentText.equals(NO)) {
                return rejection(row, LeadColumn.CONSENT, "expected 是 or 否");
            }
            consent = consentText.equals(YES);
        }

        return new CheckedLead(row.rowNumber(), phone.e164(), textOf(row, LeadColumn.NAME), idNumber,
                textOf(row, LeadColumn.ADDRESS), textOf(row, LeadColumn.VILLAGE), branch,
                tags(row.cell(LeadColumn.TAGS).text()), textOf(row, LeadColumn.COLLECTOR), collectedOn,
                textOf(row, LeadColumn.SOURCE), consent);
    }

    private static String phoneReason(MobileNumberCheck.Outcome outcome) {
        switch (outcome) {
            case MISSING:
                return "missing";
            case NOT_MOBILE:
                return "not a mobile number";
            default:
                return "invalid mobile number";
        }
    }

    /** Branch codes are codes: full-width letters or lower case typed by a tired hand still name the branch. */
    private static String branchCode(SheetCell cell) {
        if (cell.isBlank()) {
            return null;
        }
        return Normalizer.normalize(cell.text(), Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    static List<String> tags(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : TAG_SEPARATORS.split(text)) {
            String trimmed = SheetCell.trim(tag);
            if (!trimmed.isEmpty()) {
                tags.add(trimmed);
            }
        }
        return List.copyOf(new ArrayList<>(tags));
    }

    private static String textOf(LeadRow row, LeadColumn column) {
        SheetCell cell = row.cell(column);
        return cell.isBlank() ? null : cell.text();
    }

    private static RowRejection rejection(LeadRow row, LeadColumn column, String reason) {
        return new RowRejection(row.rowNumber(), column, reason);
    }
}
