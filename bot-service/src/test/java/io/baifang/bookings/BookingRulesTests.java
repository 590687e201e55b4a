package io.baifang.bookings;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.baifang.branches.OpeningHours;
import io.baifang.replies.PartOfDay;
import org.junit.jupiter.api.Test;

class BookingRulesTests {

    private static final LocalDate TODAY = LocalDate.of(2027, 2, 3);
    private static final Optional<OpeningHours> OPEN = Optional.of(new OpeningHours(LocalTime.of(8, 30),
            LocalTime.of(17, 30)));

    @Test
    void aClockTimeNamesItsPartOfTheDay() {
        assertThat(BookingRules.slot(TODAY.plusDays(1), LocalTime.of(10, 0), null, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Valid(TODAY.plusDays(1), LocalTime.of(10, 0), PartOfDay.MORNING));
        assertThat(BookingRules.slot(TODAY, LocalTime.of(14, 0), PartOfDay.AFTERNOON, TODAY, OPEN))
                .isInstanceOf(BookingRules.SlotCheck.Valid.class);
    }

    @Test
    void aPartOfTheDayThatDisagreesWithTheTimeIsRefused() {
        assertThat(BookingRules.slot(TODAY, LocalTime.of(10, 0), PartOfDay.AFTERNOON, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Invalid("partOfDay", "10:00 is MORNING, not AFTERNOON"));
    }

    @Test
    void aPartOfTheDayOrTheDayAloneIsEnough() {
        assertThat(BookingRules.slot(TODAY, null, PartOfDay.AFTERNOON, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Valid(TODAY, null, PartOfDay.AFTERNOON));
        assertThat(BookingRules.slot(TODAY, null, null, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Valid(TODAY, null, null));
    }

    @Test
    void aDayBeforeTodayOrADayTheBranchIsClosedCannotBeBooked() {
        assertThat(BookingRules.slot(TODAY.minusDays(1), null, null, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Invalid("date", "is before today (2027-02-03)"));
        assertThat(BookingRules.slot(TODAY, null, null, TODAY, Optional.empty()))
                .isEqualTo(new BookingRules.SlotCheck.Invalid("date", "the branch is closed on 2027-02-03 (WEDNESDAY)"));
    }

    @Test
    void aTimeOutsideTheBranchesHoursCannotBeBooked() {
        assertThat(BookingRules.slot(TODAY, LocalTime.of(8, 0), null, TODAY, OPEN))
                .isEqualTo(new BookingRules.SlotCheck.Invalid("time", "the branch is open 08:30–17:30 on 2027-02-03"));
        assertThat(BookingRules.slot(TODAY, LocalTime.of(17, 30), null, TODAY, OPEN))
                .isInstanceOf(BookingRules.SlotCheck.Invalid.class);
        assertThat(BookingRules.slot(TODAY, LocalTime.of(8, 30), null, TODAY, OPEN))
                .isInstanceOf(BookingRules.SlotCheck.Valid.class);
    }

    @Test
    void onlyABookingStillBookedIsCheckedInOrCancelled() {
        assertThat(BookingRules.checkIn(booking(BookingStatus.BOOKED, TODAY)))
                .isEqualTo(new BookingRules.Transition.Move(BookingStatus.VISITED));
        assertThat(BookingRules.cancel(booking(BookingStatus.BOOKED, TODAY)))
                .isEqualTo(new BookingRules.Transition.Move(BookingStatus.CANCELLED));
        for (BookingStatus ended : new BookingStatus[] {BookingStatus.VISITED, BookingStatus.CANCELLED,
                BookingStatus.NO_SHOW}) {
            assertThat(BookingRules.checkIn(booking(ended, TODAY))).isInstanceOf(BookingRules.Transition.Refused.class);
            assertThat(BookingRules.cancel(booking(ended, TODAY))).isInstanceOf(BookingRules.Transition.Refused.class);
        }
    }

    @Test
    void theRulesDependOnNeitherSpringNorReactor() {
        noClasses()
                .that(belongToAnyOf(BookingRules.class, Booking.class, BookingStatus.class))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.baifang.bookings"));
    }

    private static Booking booking(BookingStatus status, LocalDate date) {
        Instant at = Instant.parse("2027-02-01T02:00:00Z");
        return new Booking(UUID.randomUUID(), UUID.randomUUID(), "JLP001", date, null, null, status, null, null, null,
                false, "staff", at, at, status == BookingStatus.VISITED ? at : null, null);
    }
}
