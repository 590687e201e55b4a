package io.baifang.replies;

import static io.baifang.replies.ReplyChars.at;
import static io.baifang.replies.ReplyChars.startsWith;
import static io.baifang.replies.ReplyChars.startsWithAny;

import java.time.DayOfWeek;

/**
 * Reads the Chinese ways of naming a day, at one position of a normalised reply: relative days (明天, 大后天,
 * 今晚), weekdays (周六, 下礼拜三, 这周末), days of the month (15号, 下个月5号, 2月8日, 10.8, 2/20), lunar days
 * (初六, 正月初八, 腊月二十八, 除夕) and holidays (国庆, 中秋, 端午).
 */
final class DayExpressions {

    private final LunarCalendar lunar;
    private final NumbersThatAreNotDays numbers;

    DayExpressions(LunarCalendar lunar, NumbersThatAreNotDays numbers) {
        this.lunar = lunar;
        this.numbers = numbers;
    }

    /** The day named at {@code i}, or null. A mention with nothing in it means "consumed, but names no day". */
    Mention dayAt(String text, int i) {
        Mention mention = relativeDay(text, i);
        if (mention == null) {
            mention = weekday(text, i);
        }
        if (mention == null) {
            mention = monthOrYearAhead(text, i);
        }
        if (mention == null) {
            mention = lunarDay(text, i);
        }
        if (mention == null) {
            mention = festival(text, i);
        }
        if (mention == null) {
            mention = numericDate(text, i);
        }
        return mention == null ? null : withTrailingPartOfDay(text, mention);
    }

    // ---- 今天, 明天, 后天, 大后天, 今晚, 明早

    private static Mention relativeDay(String text, int i) {
        String now = startsWithAny(text, i, "现在", "马上", "立刻", "立马", "等一会儿", "等一会", "等会儿", "等会", "一会儿",
                "待会儿", "待会", "这就");
        if (now != null) {
            // 马上到, 等会过来: today, whatever day the invitation offered
            return Mention.day(i, i + now.length(), DayRules.daysAhead(0));
        }
        String word = startsWithAny(text, i, "大大后天", "大后天", "后天", "后日", "明天", "明日", "今天", "今日");
        if (word != null) {
            int days = word.startsWith("大大") ? 4 : word.startsWith("大") ? 3 : word.startsWith("后") ? 2
                    : word.startsWith("明") ? 1 : 0;
            return Mention.day(i, i + word.length(), DayRules.daysAhead(days));
        }
        char c = text.charAt(i);
        if (c != '明' && c != '今') {
            return null;
        }
        DayRule day = DayRules.daysAhead(c == '明' ? 1 : 0);
        if (startsWithAny(text, i + 1, "上午", "下午", "中午", "早上", "早晨", "晚上", "傍晚", "凌晨") != null) {
            return Mention.day(i, i + 1, day);
        }
        char next = at(text, i + 1);
        boolean later = at(text, i + 2) == '点' || at(text, i + 2) == '些';
        if ((next == '早' || next == '晨') && !later) {
            return Mention.dayAndPart(i, i + 2, day, PartOfDay.MORNING);
        }
        if ((next == '晚' || next == '夜') && !later) {
            return Mention.dayAndPart(i, i + 2, day, PartOfDay.EVENING);
        }
        return null;
    }

    // ---- 周六, 星期天, 礼拜三, 这周四, 下周一, 下下周五, 周末, 下周末

    private static Mention weekday(String text, int i) {
        int j = i;
        int weeksAhead = 0;
        boolean thisWeek = false;
        String prefix = startsWithAny(text, j, "下下个", "下下", "下个", "下", "这个", "这", "本");
        if (prefix == null) {
            prefix = startsWithAny(text, j, "星期", "礼拜", "周") == null ? null : weekPrefixSharedWithPreviousDay(text, i);
        } else {
            j += prefix.length();
        }
        if (prefix != null) {
            weeksAhead = prefix.startsWith("下下") ? 2 : prefix.startsWith("下") ? 1 : 0;
            thisWeek = weeksAhead == 0;
        }
        String week = startsWithAny(text, j, "星期", "礼拜", "周");
        if (week == null) {
            return null;
        }
        j += week.length();
        char c = at(text, j);
        int weekday = weekdayNumber(c);
        if (weekday > 0 && !(ReplyChars.isDigit(c) && ReplyChars.isDigitAt(text, j + 1))) {
            DayOfWeek dayOfWeek = DayOfWeek.of(weekday);
            DayRule rule = weeksAhead > 0 ? DayRules.weekdayWeeksAhead(weeksAhead, dayOfWeek)
                    : thisWeek ? DayRules.weekdayThisWeek(dayOfWeek)
                    : DayRules.nextWeekday(dayOfWeek);
            return Mention.day(i, j + 1, rule);
        }
        if (c == '末') {
            DayRule rule = weeksAhead > 0 ? DayRules.weekendWeeksAhead(weeksAhead) : DayRules.weekend();
            return Mention.day(i, j + 1, rule);
        }
        // 下周, 这个礼拜: a week but no day in it
        return prefix != null ? Mention.vague(i, j) : null;
    }

    /** 下周二或者周三: the second weekday shares the first one's week (下周三). */
    private static String weekPrefixSharedWithPreviousDay(String text, int i) {
        String connector = null;
        for (String candidate : new String[] {"或者", "还是", "或", "和", "跟", "、", "/", ",", " "}) {
            if (ReplyChars.endsWith(text, i, candidate)) {
                connector = candidate;
                break;
            }
        }
        if (connector == null) {
            return null;
        }
        int dayEnd = i - connector.length();
        if (dayEnd < 2 || weekdayNumber(text.charAt(dayEnd - 1)) == 0) {
            return null;
        }
        int weekEnd = dayEnd - 1;
        String week = ReplyChars.endsWith(text, weekEnd, "星期") ? "星期" : ReplyChars.endsWith(text, weekEnd, "礼拜") ? "礼拜"
                : ReplyChars.endsWith(text, weekEnd, "周") ? "周" : null;
        if (week == null) {
            return null;
        }
        int prefixEnd = weekEnd - week.length();
        for (String prefix : new String[] {"下下个", "下下", "下个", "下", "这个", "这", "本"}) {
            if (ReplyChars.endsWith(text, prefixEnd, prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static int weekdayNumber(char c) {
        switch (c) {
            case '一': case '1': return 1;
            case '二': case '2': return 2;
            case '三': case '3': return 3;
            case '四': case '4': return 4;
            case '五': case '5': return 5;
            case '六': case '6': return 6;
            case '日': case '天': case '七': case '7': return 7;
            default: return 0;
        }
    }

    // ---- 下个月5号, 这个月20号, 明年3月5日

    private Mention monthOrYearAhead(String text, int i) {
        String month = startsWithAny(text, i, "下下个月", "下下月", "下个月", "下月", "这个月", "这月", "本月", "当月");
        if (month != null) {
            int monthsAhead = month.startsWith("下下") ? 2 : month.startsWith("下") ? 1 : 0;
            int j = i + month.length();
            if (at(text, j) == '的' && ChineseNumerals.isNumeralChar(at(text, j + 1))) {
                // 下个月的5号
                j++;
            }
            ChineseNumerals.Numeral day = ChineseNumerals.read(text, j);
            if (day != null && day.value() >= 1 && day.value() <= 31) {
                boolean marked = at(text, day.end()) == '号' || at(text, day.end()) == '日';
                int end = marked ? day.end() + 1 : day.end();
                if ((marked || !ChineseNumerals.isNumeralChar(at(text, day.end())))
                        && !numbers.isFollowedByCounter(text, end) && at(text, day.end()) != '点') {
                    return Mention.day(i, end, DayRules.dayOfMonthAhead(monthsAhead, day.value()));
                }
            }
            return Mention.vague(i, j);
        }
        String year = startsWithAny(text, i, "今年", "明年", "后年");
        if (year != null) {
            int yearsAhead = year.startsWith("今") ? 0 : year.startsWith("明") ? 1 : 2;
            int j = i + year.length();
            ChineseNumerals.Numeral m = ChineseNumerals.read(text, j);
            if (m != null && m.value() >= 1 && m.value() <= 12 && at(text, m.end()) == '月') {
                ChineseNumerals.Numeral d = ChineseNumerals.read(text, m.end() + 1);
                if (d != null && d.value() >= 1 && d.value() <= 31) {
                    int end = at(text, d.end()) == '号' || at(text, d.end()) == '日' ? d.end() + 1 : d.end();
                    return Mention.day(i, end, DayRules.monthDayYearsAhead(yearsAhead, m.value(), d.value()));
                }
            }
            return Mention.vague(i, j);
        }
        return null;
    }

    // ---- 初六, 大年初二, 正月初八, 正月十五, 腊月二十八, 除夕, 大年三十, 元宵, 农历八月十五

    private Mention lunarDay(String text, int i) {
        String eve = startsWithAny(text, i, "大年三十", "大年卅", "年三十", "大年夜", "除夕夜", "除夕");
        if (eve != null) {
            return Mention.day(i, i + eve.length(), DayRules.newYearsEve(lunar));
        }
        if (startsWith(text, i, "大年初")) {
            LunarDayOfMonth day = lunarDayOfMonth(text, i + 2);
            return day == null || day.day > 10 ? null
                    : Mention.day(i, day.end, DayRules.lunarDate(lunar, 1, day.day));
        }
        String lantern = startsWithAny(text, i, "元宵节", "元宵");
        if (lantern != null) {
            return Mention.day(i, i + lantern.length(), DayRules.lunarDate(lunar, 1, 15));
        }
        String calendar = startsWithAny(text, i, "农历", "阴历", "旧历");
        int j = calendar == null ? i : i + calendar.length();
        int month = 0;
        int monthEnd = j;
        String named = startsWithAny(text, j, "正月", "冬月", "腊月");
        if (named != null) {
            month = named.startsWith("正") ? 1 : named.startsWith("冬") ? 11 : 12;
            monthEnd = j + 2;
        } else if (calendar != null) {
            ChineseNumerals.Numeral m = ChineseNumerals.read(text, j);
            if (m != null && m.value() >= 1 && m.value() <= 12 && at(text, m.end()) == '月') {
                month = m.value();
                monthEnd = m.end() + 1;
            }
        }
        if (month > 0) {
            LunarDayOfMonth day = lunarDayOfMonth(text, monthEnd);
            return day == null ? Mention.vague(i, monthEnd)
                    : Mention.day(i, day.end, DayRules.lunarDate(lunar, month, day.day));
        }
        if (calendar != null) {
            return null;
        }
        if (text.charAt(i) == '初') {
            ChineseNumerals.Numeral day = ChineseNumerals.read(text, i + 1);
            if (day != null && day.value() >= 1 && day.value() <= 10
                    && !ChineseNumerals.isNumeralChar(at(text, day.end())) && "年月".indexOf(at(text, i - 1)) < 0) {
                return Mention.day(i, day.end(), DayRules.lunarDay(lunar, day.value()));
            }
        }
        return null;
    }

    private record LunarDayOfMonth(int day, int end) {
    }

    /** The day within a lunar month: 初X, 十五, 二十八, 廿八, 三十 (with an optional 号/日). */
    private static LunarDayOfMonth lunarDayOfMonth(String text, int j) {
        if (at(text, j) == '初') {
            ChineseNumerals.Numeral day = ChineseNumerals.read(text, j + 1);
            return day != null && day.value() >= 1 && day.value() <= 10 ? new LunarDayOfMonth(day.value(), day.end()) : null;
        }
        ChineseNumerals.Numeral day = ChineseNumerals.read(text, j);
        if (day == null || day.value() < 1 || day.value() > 30 || at(text, day.end()) == '点') {
            return null;
        }
        int end = at(text, day.end()) == '号' || at(text, day.end()) == '日' ? day.end() + 1 : day.end();
        return new LunarDayOfMonth(day.value(), end);
    }

    // ---- 春节, 国庆, 中秋, 端午, 元旦, and the lesser holidays

    private Mention festival(String text, int i) {
        String word = startsWithAny(text, i, "春节", "国庆节", "国庆", "中秋节", "中秋", "端午节", "端午", "元旦节", "元旦",
                "劳动节", "七夕节", "七夕", "重阳节", "重阳", "腊八节", "腊八", "清明节", "清明", "冬至", "圣诞节", "圣诞",
                "平安夜", "情人节", "儿童节", "妇女节", "教师节", "龙抬头", "五一", "十一", "六一");
        if (word == null) {
            return null;
        }
        if (word.length() == 2 && ChineseNumerals.isNumeralChar(word.charAt(0)) && !isStandaloneHolidayNumber(text, i)) {
            return null;
        }
        int end = i + word.length();
        if (at(text, end) == '节' && !word.endsWith("节")) {
            end++;
        }
        String wish = startsWithAny(text, end, "快乐", "安康", "愉快", "好");
        if (wish != null) {
            // 中秋快乐 is a wish, not a visit
            return nothing(i, end + wish.length());
        }
        if (startsWithAny(text, end, "之后", "以后", "过后", "后", "之前", "以前", "前") != null) {
            return Mention.vague(i, end + (at(text, end) == '后' || at(text, end) == '前' ? 1 : 2));
        }
        return Mention.day(i, end, festivalRule(word));
    }

    private DayRule festivalRule(String word) {
        switch (word.replace("节", "")) {
            case "春": return DayRules.lunarDate(lunar, 1, 1);
            case "国庆": case "十一": return DayRules.nextMonthDay(10, 1);
            case "中秋": return DayRules.lunarDate(lunar, 8, 15);
            case "端午": return DayRules.lunarDate(lunar, 5, 5);
            case "元旦": return DayRules.nextMonthDay(1, 1);
            case "劳动": case "五一": return DayRules.nextMonthDay(5, 1);
            case "七夕": return DayRules.lunarDate(lunar, 7, 7);
            case "重阳": return DayRules.lunarDate(lunar, 9, 9);
            case "腊八": return DayRules.lunarDate(lunar, 12, 8);
            case "清明": return DayRules.solarTerm(lunar, LunarCalendar.QING_MING);
            case "冬至": return DayRules.solarTerm(lunar, LunarCalendar.WINTER_SOLSTICE);
            case "圣诞": return DayRules.nextMonthDay(12, 25);
            case "平安夜": return DayRules.nextMonthDay(12, 24);
            case "情人": return DayRules.nextMonthDay(2, 14);
            case "儿童": case "六一": return DayRules.nextMonthDay(6, 1);
            case "妇女": return DayRules.nextMonthDay(3, 8);
            case "教师": return DayRules.nextMonthDay(9, 10);
            case "龙抬头": return DayRules.lunarDate(lunar, 2, 2);
            default: throw new IllegalStateException("no rule for holiday " + word);
        }
    }

    /** 五一 and 十一 are holidays only when they stand alone (十一点, 十一号, 五一路 are not). */
    private static boolean isStandaloneHolidayNumber(String text, int i) {
        char before = at(text, i - 1);
        char after = at(text, i + 2);
        if (ChineseNumerals.isNumeralChar(before) || "周期拜初月第点号".indexOf(before) >= 0) {
            return false;
        }
        return !(ChineseNumerals.isNumeralChar(after) || "点号日月时个岁万千元块分年天楼路人位:./".indexOf(after) >= 0);
    }

    // ---- 15号, 十六日, 2月8日, 2027年2月8日, 2027-02-08, 10.8, 2/20, 三天后

    private Mention numericDate(String text, int i) {
        ChineseNumerals.Numeral first = ChineseNumerals.read(text, i);
        if (first == null || ChineseNumerals.isNumeralChar(at(text, i - 1)) || at(text, i - 1) == '.') {
            return null;
        }
        int next = first.end();
        char after = at(text, next);
        if (first.arabic() && first.end() - first.start() == 4) {
            return fullDate(text, first);
        }
        if (after == '月' && first.value() >= 1 && first.value() <= 12) {
            return monthAndDay(text, first);
        }
        if (first.arabic() && (after == '.' || after == '/') && first.end() - first.start() <= 2) {
            return dottedDate(text, first);
        }
        if ((after == '号' || after == '日') && first.value() >= 1 && first.value() <= 31) {
            if (after == '日' && "本元子期常记程游报".indexOf(at(text, next + 1)) >= 0) {
                return null;
            }
            if (numbers.isNotADay(text, i, next + 1)) {
                return nothing(i, next + 1);
            }
            return Mention.day(i, next + 1, DayRules.nextDayOfMonth(first.value()));
        }
        if (after == '天' && first.value() >= 1 && first.value() <= 60) {
            if (at(text, i - 1) == '过') {
                return Mention.vague(i, next + 1);
            }
            String later = startsWithAny(text, next + 1, "以后", "之后", "过后", "后");
            if (later != null) {
                return Mention.day(i, next + 1 + later.length(), DayRules.daysAhead(first.value()));
            }
        }
        return null;
    }

    private static Mention fullDate(String text, ChineseNumerals.Numeral year) {
        char separator = at(text, year.end());
        if ("年-/.".indexOf(separator) < 0 || separator == '\0') {
            return null;
        }
        ChineseNumerals.Numeral month = ChineseNumerals.read(text, year.end() + 1);
        if (month == null || month.value() < 1 || month.value() > 12) {
            return null;
        }
        char monthSeparator = at(text, month.end());
        if (separator == '年' ? monthSeparator != '月' : monthSeparator != separator) {
            return null;
        }
        ChineseNumerals.Numeral day = ChineseNumerals.read(text, month.end() + 1);
        if (day == null || day.value() < 1 || day.value() > 31) {
            return null;
        }
        int end = at(text, day.end()) == '日' || at(text, day.end()) == '号' ? day.end() + 1 : day.end();
        return Mention.day(year.start(), end, DayRules.date(year.value(), month.value(), day.value()));
    }

    private Mention monthAndDay(String text, ChineseNumerals.Numeral month) {
        int j = month.end() + 1;
        if (at(text, j) == '初') {
            ChineseNumerals.Numeral day = ChineseNumerals.read(text, j + 1);
            if (day != null && day.value() >= 1 && day.value() <= 10 && at(text, day.end()) != '号' && at(text, day.end()) != '日') {
                // 五月初五, 八月初三: a day counted with 初 is a lunar day
                return Mention.day(month.start(), day.end(), DayRules.lunarDate(lunar, month.value(), day.value()));
            }
            return Mention.vague(month.start(), j + 1);
        }
        ChineseNumerals.Numeral day = ChineseNumerals.read(text, j);
        if (day == null || day.value() < 1 || day.value() > 31 || at(text, day.end()) == '点' || at(text, day.end()) == ':') {
            String rest = startsWithAny(text, j, "份", "底", "中", "末");
            return Mention.vague(month.start(), rest == null ? j : j + 1);
        }
        boolean marked = at(text, day.end()) == '号' || at(text, day.end()) == '日';
        int end = marked ? day.end() + 1 : day.end();
        if (!marked && !month.arabic() && !day.arabic() && month.value() == 8 && day.value() == 15) {
            // 八月十五 said in words is the Mid-Autumn festival
            return Mention.day(month.start(), end, DayRules.lunarDate(lunar, 8, 15));
        }
        if (numbers.isNotADay(text, month.start(), end)) {
            return nothing(month.start(), end);
        }
        return Mention.day(month.start(), end, DayRules.nextMonthDay(month.value(), day.value()));
    }

    private Mention dottedDate(String text, ChineseNumerals.Numeral month) {
        char separator = at(text, month.end());
        ChineseNumerals.Numeral day = ChineseNumerals.read(text, month.end() + 1);
        if (day == null || !day.arabic() || day.end() - day.start() > 2) {
            return day == null ? null : nothing(month.start(), day.end());
        }
        boolean partOfLongerNumber = ((at(text, day.end()) == '.' || at(text, day.end()) == '/') && ReplyChars.isDigitAt(text, day.end() + 1))
                || at(text, month.start() - 1) == '/';
        if (partOfLongerNumber || month.value() < 1 || month.value() > 12 || day.value() < 1 || day.value() > 31) {
            return nothing(month.start(), day.end());
        }
        if (numbers.isNotADay(text, month.start(), day.end())) {
            return nothing(month.start(), day.end());
        }
        if (separator == '.' && day.end() - day.start() == 2 && ClockTimes.followsPartOfDay(text, month.start())) {
            // 下午3.30 is a time
            return null;
        }
        return Mention.day(month.start(), day.end(), DayRules.nextMonthDay(month.value(), day.value()));
    }

    // ---- 周六晚, 明天早8点: a one-character part of the day right after a day

    private static Mention withTrailingPartOfDay(String text, Mention mention) {
        if (mention.day() == null || mention.part() != null) {
            return mention;
        }
        char c = at(text, mention.end());
        char next = at(text, mention.end() + 1);
        if ("上晨间点些饭餐一了到退安会儿".indexOf(next) >= 0 && next != '\0') {
            return mention;
        }
        if (c == '早') {
            return mention.withPart(mention.end() + 1, PartOfDay.MORNING);
        }
        if (c == '晚') {
            return mention.withPart(mention.end() + 1, PartOfDay.EVENING);
        }
        return mention;
    }

    private static Mention nothing(int start, int end) {
        return new Mention(start, end, null, false, null, null);
    }
}
