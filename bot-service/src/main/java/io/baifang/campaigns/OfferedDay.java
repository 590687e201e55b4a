package io.baifang.campaigns;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The offered visit date as the customer reads it on the day the message goes out: 今天, 明天, 后天, or the
 * date with its weekday ({@code 11月25日（周三）}). A campaign sent over several days says the right word
 * each day.
 */
final class OfferedDay {

    private static final String[] WEEKDAYS = {"一", "二", "三", "四", "五", "六", "日"};

    private OfferedDay() {
    }

    static String asSaidOn(LocalDate offered, LocalDate sendDay) {
        long days = ChronoUnit.DAYS.between(sendDay, offered);
        if (days == 0) {
            return "今天";
        }
        if (days == 1) {
            return "明天";
        }
        if (days == 2) {
            return "后天";
        }
        return offered.getMonthValue() + "月" + offered.getDayOfMonth() + "日（周"
                + WEEKDAYS[offered.getDayOfWeek().getValue() - 1] + "）";
    }
}
