package io.baifang.campaigns;

import java.time.LocalDate;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.LunarMonth;
import com.nlf.calendar.Solar;

/**
 * The lunar holidays a campaign may be scheduled relative to, dated by {@code cn.6tail:lunar} (the official
 * Chinese calendar), never a hand-made table.
 */
enum Holiday {
    /** 除夕: the last day of 腊月 (the 29th in a short year) */
    NEW_YEARS_EVE,
    /** 春节: 正月初一 */
    SPRING_FESTIVAL,
    /** 元宵: 正月十五 */
    LANTERN_FESTIVAL,
    /** 端午: 五月初五 */
    DRAGON_BOAT,
    /** 中秋: 八月十五 */
    MID_AUTUMN;

    /** The holiday's date in the lunar year {@code lunarYear}. */
    LocalDate in(int lunarYear) {
        return switch (this) {
            case NEW_YEARS_EVE -> solar(lunarYear, 12, LunarMonth.fromYm(lunarYear, 12).getDayCount());
            case SPRING_FESTIVAL -> solar(lunarYear, 1, 1);
            case LANTERN_FESTIVAL -> solar(lunarYear, 1, 15);
            case DRAGON_BOAT -> solar(lunarYear, 5, 5);
            case MID_AUTUMN -> solar(lunarYear, 8, 15);
        };
    }

    /** The first date of this holiday on or after {@code day}. */
    LocalDate onOrAfter(LocalDate day) {
        int lunarYear = Solar.fromYmd(day.getYear(), day.getMonthValue(), day.getDayOfMonth()).getLunar().getYear();
        for (int year = lunarYear - 1; year <= lunarYear + 1; year++) {
            LocalDate date = in(year);
            if (!date.isBefore(day)) {
                return date;
            }
        }
        return in(lunarYear + 2);
    }

    private static LocalDate solar(int lunarYear, int month, int day) {
        Solar solar = Lunar.fromYmd(lunarYear, month, day).getSolar();
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }
}
