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
    private final Map<String, LocalDate> solarTerms = new ConcurrentHashMap<>();

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

    /** The next date, today included, of a solar term the library names (清明, 冬至). */
    LocalDate nextSolarTerm(LocalDate today, String... names) {
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            LocalDate date = solarTermIn(year, names);
            if (date != null && !date.isBefore(today)) {
                return date;
            }
        }
        return null;
    }

    /** The library keys a year's table by Chinese name, and the terms of the next winter by pinyin (DONG_ZHI). */
    private LocalDate solarTermIn(int year, String... names) {
        return solarTerms.computeIfAbsent(year + names[0], key -> {
            for (int month : new int[] {3, 9}) {
                Map<String, Solar> table = Solar.fromYmd(year, month, 1).getLunar().getJieQiTable();
                for (String name : names) {
                    Solar term = table.get(name);
                    if (term != null && term.getYear() == year) {
                        return LocalDate.of(term.getYear(), term.getMonth(), term.getDay());
                    }
                }
            }
            return null;
        });
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
