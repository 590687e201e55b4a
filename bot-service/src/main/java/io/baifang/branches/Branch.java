package io.baifang.branches;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One branch (网点) of the network. */
public record Branch(
        String code,
        String name,
        String address,
        String phone,
        String district,
        Map<DayOfWeek, OpeningHours> openingHours,
        Set<LocalDate> closedDates,
        int capacityPerHalfHour,
        int dailyContactTarget) {

    /** The hours the branch is open on that date, or empty when it is closed that day. */
    public Optional<OpeningHours> hoursOn(LocalDate date) {
        if (closedDates.contains(date)) {
            return Optional.empty();
        }
        return Optional.ofNullable(openingHours.get(date.getDayOfWeek()));
    }
}
