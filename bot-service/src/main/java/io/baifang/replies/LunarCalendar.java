package io.baifang.replies;

import com.nlf.calendar.LunarMonth;
import com.nlf.calendar.LunarYear;
import com.nlf.calendar.Solar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lunar days through {@code cn.6tail:lunar}, which follows the official Chinese calendar (2027 正月初一 is
 * 2027-02-06; ICU says 02-07). Month tables are computed once per lunar year and kept, because the library
 * takes a good fraction of a millisecond per conversion and the reader must answer in microseconds.
 */
final class LunarCalendar {

    /** One lunar month: the library numbers a leap month negatively (闰五月 is -5). */
    private record Month(int month, int days, LocalDate first) {
        boolean contains(LocalDate date) {
            return !date.isBefore(first) && date.isBefore(first.plusDays(days));
        }
    }

    private static final int CACHED_YEARS = 256;

    private final Map<Integer, List<Month>> monthsByLunarYear = new ConcurrentHashMap<>();
    private final Map<Integer, List<LocalDate>> solarTermsByYear = new ConcurrentHashMap<>();

    /**
     * 初X named alone: in 腊月 it means the coming 正月初X (what people mean at the year's end); otherwise the
     * next lunar day X, today included, a leap month counting as a month.
     */
    LocalDate nextDayOfMonth(LocalDate today, int day) {
        Located here = locate(today);
        if (Math.abs(here.month.month()) == 12) {
            return next(today, 1, day);
        }
        int dayToday = (int) ChronoUnit.DAYS.between(here.month.first(), today) + 1;
        if (dayToday <= day && day <= here.month.days()) {
            return here.month.first().plusDays(day - 1L);
        }
        LocalDate nextMonthFirst = here.month.first().plusDays(here.month.days());
        return nextMonthFirst.plusDays(day - 1L);
    }

    /**
     * The next date, today included, of lunar {@code month} (a regular month, never its leap twin) and
     * {@code day}. 腊月三十 in a 29-day 腊月 is its last day, as 大年三十 is.
     */
    LocalDate next(LocalDate today, int month, int day) {
        int lunarYear = locate(today).lunarYear;
        for (int year = lunarYear; year <= lunarYear + 2; year++) {
            for (Month candidate : monthsOf(year)) {
                if (candidate.month() != month) {
                    continue;
                }
                int d = day;
                if (d > candidate.days()) {
                    if (month != 12 || day != 30) {
                        continue;
                    }
                    d = candidate.days();
                }
                LocalDate date = candidate.first().plusDays(d - 1L);
                if (!date.isBefore(today)) {
                    return date;
                }
            }
        }
        return null;
    }

    /** 除夕 / 大年三十: the last day of 腊月, 29th or 30th. */
    LocalDate nextNewYearsEve(LocalDate today) {
        return next(today, 12, 30);
    }

    /** Where a solar term sits in the library's table of a year's terms (from the previous 大雪). */
    static final int QING_MING = 8;
    static final int WINTER_SOLSTICE = 25;

    /** The next date, today included, of a solar term: {@link #QING_MING} or {@link #WINTER_SOLSTICE}. */
    LocalDate nextSolarTerm(LocalDate today, int term) {
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            LocalDate date = solarTermsOf(year).get(term);
            if (!date.isBefore(today)) {
                return date;
            }
        }
        return null;
    }

    private List<LocalDate> solarTermsOf(int year) {
        List<LocalDate> terms = solarTermsByYear.get(year);
        if (terms != null) {
            return terms;
        }
        if (solarTermsByYear.size() > CACHED_YEARS) {
            solarTermsByYear.clear();
        }
        return solarTermsByYear.computeIfAbsent(year, LunarCalendar::computeSolarTerms);
    }

    private static List<LocalDate> computeSolarTerms(int year) {
        List<LocalDate> terms = new ArrayList<>();
        for (double julianDay : LunarYear.fromYear(year).getJieQiJulianDays()) {
            Solar day = Solar.fromJulianDay(julianDay);
            terms.add(LocalDate.of(day.getYear(), day.getMonth(), day.getDay()));
        }
        return List.copyOf(terms);
    }

    private record Located(int lunarYear, Month month) {
    }

    private Located locate(LocalDate date) {
        for (int year = date.getYear(); year >= date.getYear() - 1; year--) {
            for (Month month : monthsOf(year)) {
                if (month.contains(date)) {
                    return new Located(year, month);
                }
            }
        }
        throw new IllegalArgumentException("no lunar month holds " + date);
    }

    private List<Month> monthsOf(int lunarYear) {
        List<Month> months = monthsByLunarYear.get(lunarYear);
        if (months != null) {
            return months;
        }
        if (monthsByLunarYear.size() > CACHED_YEARS) {
            // replies come from a few years around now; a flood of odd years must not grow the table forever
            monthsByLunarYear.clear();
        }
        return monthsByLunarYear.computeIfAbsent(lunarYear, LunarCalendar::computeMonths);
    }

    private static List<Month> computeMonths(int lunarYear) {
        List<Month> months = new ArrayList<>();
        for (LunarMonth month : LunarYear.fromYear(lunarYear).getMonthsInYear()) {
            Solar first = Solar.fromJulianDay(month.getFirstJulianDay());
            months.add(new Month(month.getMonth(), month.getDayCount(),
                    LocalDate.of(first.getYear(), first.getMonth(), first.getDay())));
        }
        return List.copyOf(months);
    }
}
