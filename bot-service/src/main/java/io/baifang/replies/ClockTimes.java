package io.baifang.replies;

import static io.baifang.replies.ReplyChars.at;
import static io.baifang.replies.ReplyChars.startsWithAny;

/**
 * Reads parts of the day (上午, 中午, 傍晚, 一早) and clock times in every written form: 十点, 10点, 10:30,
 * 十点半, 三点一刻, 三点三刻, 两点, 10点10分, 10点过10分, 十点零五, 3pm, 10点到11点 (the start of a range).
 * The hour is kept as written; the words around it decide the afternoon reading (see {@link ClockReading}).
 */
final class ClockTimes {

    private static final String[] PARTS_OF_DAY = {
        "大早上", "一早", "早上", "早晨", "清晨", "上午", "早间", "凌晨",
        "中午", "正午", "午间",
        "下午", "午后",
        "傍晚", "晚上", "晚间", "夜间", "黄昏"
    };

    /** Characters before 一点 that make it "a little" (早一点, 快一点, 有一点), not one o'clock. */
    private static final String A_LITTLE_BEFORE = "早晚快慢多少好大小高低宜有些差再稍点便";

    private final NumbersThatAreNotDays numbers;

    ClockTimes(NumbersThatAreNotDays numbers) {
        this.numbers = numbers;
    }

    Mention timeAt(String text, int i) {
        String part = startsWithAny(text, i, PARTS_OF_DAY);
        if (part != null) {
            return Mention.part(i, i + part.length(), partOfDay(part));
        }
        return clock(text, i);
    }

    static PartOfDay partOfDay(String word) {
        switch (word) {
            case "中午": case "正午": case "午间":
                return PartOfDay.NOON;
            case "下午": case "午后":
                return PartOfDay.AFTERNOON;
            case "傍晚": case "晚上": case "晚间": case "夜间": case "黄昏":
                return PartOfDay.EVENING;
            default:
                return PartOfDay.MORNING;
        }
    }

    /** Whether a part-of-day word ends right before {@code i} (下午3.30 is a time, 10.8 a date). */
    static boolean followsPartOfDay(String text, int i) {
        for (String part : PARTS_OF_DAY) {
            if (ReplyChars.endsWith(text, i, part)) {
                return true;
            }
        }
        return false;
    }

    private Mention clock(String text, int i) {
        ChineseNumerals.Numeral hour = ChineseNumerals.read(text, i);
        if (hour == null || ChineseNumerals.isNumeralChar(at(text, i - 1))) {
            return null;
        }
        Mention found = clockFrom(text, hour);
        if (found == null) {
            found = rangeWithoutFirstUnit(text, hour);
        }
        if (found == null) {
            found = twoNeighbouringHours(text, hour);
        }
        if (found != null && found.clock() != null && numbers.isNotADay(text, i, found.end())) {
            // 利率3点5, 3点5万: a number, not a time; swallow it so that "5万" is not read on its own
            return new Mention(i, found.end(), null, false, null, null);
        }
        return found;
    }

    /** 10:30, 10点, 十点半, 三点一刻, 10点10分, 3pm, 十点到十一点. */
    private Mention clockFrom(String text, ChineseNumerals.Numeral hour) {
        int j = hour.end();
        char unit = at(text, j);
        if (hour.arabic() && (unit == ':' || unit == '.') && ReplyChars.isDigitAt(text, j + 1)
                && ReplyChars.isDigitAt(text, j + 2) && !ReplyChars.isDigitAt(text, j + 3)) {
            int minute = (text.charAt(j + 1) - '0') * 10 + (text.charAt(j + 2) - '0');
            if (unit == '.' && !followsPartOfDay(text, hour.start()) && meridiemAt(text, j + 3) == null) {
                return null;
            }
            if (hour.value() > 24 || minute > 59) {
                return null;
            }
            Mention range = rangeEnd(text, j + 3);
            return finish(text, hour.start(), range != null ? range.end() : j + 3, hour.value(), minute);
        }
        if (unit == '点' || (unit == '时' && "间候刻段".indexOf(at(text, j + 1)) < 0)) {
            if (isALittle(text, hour)) {
                return null;
            }
            if (hour.value() > 24) {
                return null;
            }
            return minutesAfter(text, hour, j + 1);
        }
        if (hour.arabic() && hour.value() >= 1 && hour.value() <= 12) {
            Meridiem meridiem = meridiemAt(text, j);
            if (meridiem != null) {
                return Mention.clock(hour.start(), meridiem.end, new ClockReading(hour.value(), 0, meridiem.letter));
            }
        }
        return null;
    }

    /** 一点 after 早/快/有 or before 都/儿 means "a little". */
    private static boolean isALittle(String text, ChineseNumerals.Numeral hour) {
        if (hour.arabic() || hour.value() != 1 || hour.end() - hour.start() != 1) {
            return false;
        }
        char before = at(text, hour.start() - 1);
        char after = at(text, hour.end() + 1);
        return A_LITTLE_BEFORE.indexOf(before) >= 0 && before != '\0' || "都也儿点".indexOf(after) >= 0 && after != '\0';
    }

    private Mention minutesAfter(String text, ChineseNumerals.Numeral hour, int j) {
        int h = hour.value();
        int minute = 0;
        if (at(text, j) == '钟') {
            j++;
        }
        if (at(text, j) == '过' && startsWithAny(text, j + 1, "一刻", "1刻", "半") != null) {
            // 十点过一刻, 十点过半
            j++;
        }
        String quarter = startsWithAny(text, j, "一刻", "1刻", "三刻", "3刻", "两刻", "二刻", "2刻");
        if (at(text, j) == '半') {
            minute = 30;
            j++;
        } else if (quarter != null) {
            char count = quarter.charAt(0);
            minute = count == '一' || count == '1' ? 15 : count == '三' || count == '3' ? 45 : 30;
            j += quarter.length();
            if (at(text, j) == '钟') {
                j++;
            }
        } else if (at(text, j) == '整') {
            j++;
        } else if (at(text, j) == '差') {
            ChineseNumerals.Numeral before = ChineseNumerals.read(text, j + 1);
            if (before != null && before.value() >= 1 && before.value() <= 30) {
                // 11点差10分 is 10:50; the hour as spoken decides morning or afternoon
                minute = -before.value();
                j = at(text, before.end()) == '分' ? before.end() + 1 : before.end();
            }
        } else {
            int k = j;
            if (at(text, k) == '过') {
                k++;
            }
            boolean zero = at(text, k) == '零' || at(text, k) == '〇';
            if (zero) {
                k++;
            }
            ChineseNumerals.Numeral minutes = ChineseNumerals.read(text, k);
            if (minutes != null && minutes.value() <= 59 && "号日点天月个人岁".indexOf(at(text, minutes.end())) < 0) {
                boolean marked = at(text, minutes.end()) == '分';
                boolean plainTwoDigits = minutes.arabic() || zero || minutes.value() >= 10;
                if (marked || plainTwoDigits) {
                    minute = minutes.value();
                    j = marked ? minutes.end() + 1 : minutes.end();
                    if (marked && at(text, j) == '钟') {
                        j++;
                    }
                }
            }
        }
        Mention range = rangeEnd(text, j);
        int end = range != null ? range.end() : j;
        return finish(text, hour.start(), end, h, minute);
    }

    /** 10点到11点, 10点-11点: the visit starts at the first; the second is read and dropped. */
    private Mention rangeEnd(String text, int j) {
        if ("到至~-".indexOf(at(text, j)) < 0 || at(text, j) == '\0') {
            return null;
        }
        ChineseNumerals.Numeral second = ChineseNumerals.read(text, j + 1);
        if (second == null) {
            return null;
        }
        Mention secondClock = clockFrom(text, second);
        return secondClock != null && secondClock.clock() != null ? secondClock : null;
    }

    /** 八九点, 三四点: "around eight or nine", read as the first. */
    private Mention twoNeighbouringHours(String text, ChineseNumerals.Numeral hour) {
        if (hour.arabic() || hour.end() - hour.start() != 1) {
            return null;
        }
        int next = ChineseNumerals.digit(at(text, hour.end()));
        if (next != hour.value() + 1 || ReplyChars.isDigit(at(text, hour.end()))) {
            return null;
        }
        ChineseNumerals.Numeral second = ChineseNumerals.read(text, hour.end());
        Mention secondClock = second == null ? null : clockFrom(text, second);
        if (secondClock == null || secondClock.clock() == null) {
            return null;
        }
        return finish(text, hour.start(), secondClock.end(), hour.value(), 0);
    }

    /** 10到11点: a range whose first hour has no 点. */
    private Mention rangeWithoutFirstUnit(String text, ChineseNumerals.Numeral hour) {
        if (hour.value() > 24) {
            return null;
        }
        Mention range = rangeEnd(text, hour.end());
        return range == null ? null : finish(text, hour.start(), range.end(), hour.value(), 0);
    }

    private Mention finish(String text, int start, int end, int hour, int minute) {
        Meridiem meridiem = meridiemAt(text, end);
        if (meridiem != null && hour <= 12) {
            return Mention.clock(start, meridiem.end, new ClockReading(hour, minute, meridiem.letter));
        }
        if (hour == 24) {
            return null;
        }
        return Mention.clock(start, end, new ClockReading(hour, minute, (char) 0));
    }

    private record Meridiem(char letter, int end) {
    }

    /** am / pm / a.m. / p.m. right after a time, with at most one space. */
    private static Meridiem meridiemAt(String text, int j) {
        int k = at(text, j) == ' ' ? j + 1 : j;
        String word = startsWithAny(text, k, "a.m.", "p.m.", "a.m", "p.m", "am", "pm");
        if (word == null || ReplyChars.isLatinAt(text, k + word.length())) {
            return null;
        }
        return new Meridiem(word.charAt(0), k + word.length());
    }
}
