package io.baifang.replies;

import java.time.LocalDate;

/**
 * How a named day becomes a date, from the day the reply arrived. Resolved only for the day finally
 * proposed, so that a reply naming five days computes one.
 */
@FunctionalInterface
interface DayRule {

    /** The date meant, or null when the words name no date from {@code today} (这周二 on a Friday). */
    LocalDate dateFrom(LocalDate today);
}
