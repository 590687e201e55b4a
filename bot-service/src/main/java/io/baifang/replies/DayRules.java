package io.baifang.replies;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

/** The contract's day arithmetic, one factory per way of naming a day. */
final class DayRules {

    /** How far ahead "the next such day" looks before giving up (31st of a month, 29 February). */
    private static final int MONTHS_AHEAD = 14;
    private static final int YEARS_AHEAD = 8;

    private DayRules() {
    }

    /** 今天 +0, 明天 +1, 后天 +2, 大后天 +3, 三天后 +3. */
    static DayRule daysAhead(int days) {
        return today -> today.plusDays(days);
    }

    /** 周X / 星期X / 礼拜X: the next date with that weekday, today included. */
    static DayRule nextWeekday(DayOfWeek weekday) {
        return today -> today.with(TemporalAdjusters.nextOrSame(weekday));
    }

    /** 这周X / 本周X: in the current Monday–Sunday week; null when already past. */
    static DayRule weekdayThisWeek(DayOfWeek weekday) {
        return today -> {
            LocalDate date = monday(today).plusDays(weekday.getValue() - 1L);
            return date.isBefore(today) ? null : date;
        };
    }

    /** 下周X (weeks 1), 下下周X (weeks 2): in a later Monday–Sunday week. */
    static DayRule weekdayWeeksAhead(int weeks, DayOfWeek weekday) {
        return today -> monday(today).plusWeeks(weeks).plusDays(weekday.getValue() - 1L);
    }

    /** 周末: the coming Saturday, today if Saturday, never yesterday. */
    static DayRule weekend() {
        return nextWeekday(DayOfWeek.SATURDAY);
    }

    /** 下周末: the Saturday of a later week. */
    static DayRule weekendWeeksAhead(int weeks) {
        return weekdayWeeksAhead(weeks, DayOfWeek.SATURDAY);
    }

    /** X号 / X日: this month if not before today, else the next month that has day X. */
    static DayRule nextDayOfMonth(int day) {
        return today -> {
            YearMonth month = YearMonth.from(today);
            for (int k = 0; k <= MONTHS_AHEAD; k++, month = month.plusMonths(1)) {
                if (day <= month.lengthOfMonth() && !month.atDay(day).isBefore(today)) {
                    return month.atDay(day);
                }
            }
            return null;
        };
    }

    /** 下个月X号 (months 1), 这个月X号 (months 0, null when past): a named month's day X, null if it has none. */
    static DayRule dayOfMonthAhead(int months, int day) {
        return today -> {
            YearMonth month = YearMonth.from(today).plusMonths(months);
            if (day > month.lengthOfMonth()) {
                return null;
            }
            LocalDate date = month.atDay(day);
            return date.isBefore(today) ? null : date;
        };
    }

    /** M月D日 / M.D / M/D, and fixed holidays (元旦, 国庆): this year if not before today, else next year. */
    static DayRule nextMonthDay(int month, int day) {
        return today -> {
            for (int year = today.getYear(); year <= today.getYear() + YEARS_AHEAD; year++) {
                if (day <= YearMonth.of(year, month).lengthOfMonth()) {
                    LocalDate date = LocalDate.of(year, month, day);
                    if (!date.isBefore(today)) {
                        return date;
                    }
                }
            }
            return null;
        };
    }

    /** 明年3月5日 (years 1), 今年 (years 0). */
    static DayRule monthDayYearsAhead(int years, int month, int day) {
        return today -> exactDate(today.getYear() + years, month, day);
    }

    /** 2027年2月8日, 2027-02-08: as written. */
    static DayRule date(int year, int month, int day) {
        return today -> exactDate(year, month, day);
    }

    /** 初X named alone, with the 腊月 rule. */
    static DayRule lunarDay(LunarCalendar lunar, int day) {
        return today -> lunar.nextDayOfMonth(today, day);
    }

    /** 正月初八, 腊月二十八, 中秋 (八月十五): the next such lunar date, today included. */
    static DayRule lunarDate(LunarCalendar lunar, int month, int day) {
        return today -> lunar.next(today, month, day);
    }

    /** 除夕 / 大年三十: the last day of 腊月. */
    static DayRule newYearsEve(LunarCalendar lunar) {
        return lunar::nextNewYearsEve;
    }

    /** 清明, 冬至: the next such solar term ({@link LunarCalendar#QING_MING}, {@link LunarCalendar#WINTER_SOLSTICE}). */
    static DayRule solarTerm(LunarCalendar lunar, int term) {
        return today -> lunar.nextSolarTerm(today, term);
    }

    private static LocalDate monday(LocalDate today) {
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate exactDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }
}
