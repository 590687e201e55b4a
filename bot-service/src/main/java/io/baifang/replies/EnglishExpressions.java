package io.baifang.replies;

import static io.baifang.replies.ReplyChars.startsWith;

import java.time.DayOfWeek;
import java.util.Map;

/** The English day and time words customers use: tomorrow, tonight, next monday, weekend, afternoon, at 3. */
final class EnglishExpressions {

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("sun", DayOfWeek.SUNDAY));

    private final ClockTimes clocks;

    EnglishExpressions(ClockTimes clocks) {
        this.clocks = clocks;
    }

    /** The English expression starting with the word at {@code i}, or null. */
    Mention expressionAt(String text, int i) {
        int end = wordEnd(text, i);
        String word = text.substring(i, end);
        switch (word) {
            case "today":
                return Mention.day(i, end, DayRules.daysAhead(0));
            case "tomorrow": case "tmr": case "tmrw": case "tomorow": case "tommorow": case "tommorrow":
                return Mention.day(i, end, DayRules.daysAhead(1));
            case "tonight":
                return Mention.dayAndPart(i, end, DayRules.daysAhead(0), PartOfDay.EVENING);
            case "day":
                return startsWith(text, end, " after tomorrow")
                        ? Mention.day(i, end + " after tomorrow".length(), DayRules.daysAhead(2)) : null;
            case "this": case "next":
                return weekdayAfter(text, i, end, word.equals("next") ? 1 : 0);
            case "weekend":
                return Mention.day(i, end, DayRules.weekend());
            case "morning":
                return Mention.part(i, end, PartOfDay.MORNING);
            case "noon": case "midday": case "lunchtime":
                return Mention.part(i, end, PartOfDay.NOON);
            case "afternoon":
                return Mention.part(i, end, PartOfDay.AFTERNOON);
            case "evening": case "night":
                return Mention.part(i, end, PartOfDay.EVENING);
            case "at":
                return ReplyChars.isDigitAt(text, end + 1) && text.charAt(end) == ' ' ? clockAfterAt(text, i, end + 1) : null;
            default:
                DayOfWeek weekday = WEEKDAYS.get(word);
                return weekday == null ? null : Mention.day(i, end, DayRules.nextWeekday(weekday));
        }
    }

    /** "at 3", "at 10:30", "at 3pm": after "at", a bare number is an hour. */
    private Mention clockAfterAt(String text, int i, int numberStart) {
        Mention clock = clocks.timeAt(text, numberStart);
        if (clock != null) {
            return clock.clock() == null ? clock : new Mention(i, clock.end(), null, false, null, clock.clock());
        }
        ChineseNumerals.Numeral hour = ChineseNumerals.read(text, numberStart);
        if (hour == null || hour.value() > 23 || ReplyChars.isLatinAt(text, hour.end())) {
            return null;
        }
        return Mention.clock(i, hour.end(), new ClockReading(hour.value(), 0, (char) 0));
    }

    /** next monday reads as 下周一, this friday as 这周五, next weekend as 下周末. */
    private static Mention weekdayAfter(String text, int i, int end, int weeksAhead) {
        if (end >= text.length() || text.charAt(end) != ' ' || !ReplyChars.isLatinAt(text, end + 1)) {
            return null;
        }
        int secondEnd = wordEnd(text, end + 1);
        String second = text.substring(end + 1, secondEnd);
        if (second.equals("weekend")) {
            return Mention.day(i, secondEnd, weeksAhead > 0 ? DayRules.weekendWeeksAhead(weeksAhead) : DayRules.weekend());
        }
        if (second.equals("week")) {
            return Mention.vague(i, secondEnd);
        }
        DayOfWeek weekday = WEEKDAYS.get(second);
        if (weekday == null) {
            return null;
        }
        DayRule rule = weeksAhead > 0 ? DayRules.weekdayWeeksAhead(weeksAhead, weekday) : DayRules.weekdayThisWeek(weekday);
        return Mention.day(i, secondEnd, rule);
    }

    static int wordEnd(String text, int i) {
        int end = i;
        while (end < text.length() && ReplyChars.isLatin(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
