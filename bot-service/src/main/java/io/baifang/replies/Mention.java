package io.baifang.replies;

/**
 * A day, part of the day, clock time or vague time named in a reply, at [start, end) of the normalised text.
 * One mention may name both a day and a part of it (今晚, 明早).
 */
record Mention(int start, int end, DayRule day, boolean vague, PartOfDay part, ClockReading clock) {

    static Mention day(int start, int end, DayRule day) {
        return new Mention(start, end, day, false, null, null);
    }

    static Mention dayAndPart(int start, int end, DayRule day, PartOfDay part) {
        return new Mention(start, end, day, false, part, null);
    }

    static Mention vague(int start, int end) {
        return new Mention(start, end, null, true, null, null);
    }

    static Mention part(int start, int end, PartOfDay part) {
        return new Mention(start, end, null, false, part, null);
    }

    static Mention clock(int start, int end, ClockReading clock) {
        return new Mention(start, end, null, false, null, clock);
    }

    boolean namesDay() {
        return day != null || vague;
    }

    Mention withPart(int newEnd, PartOfDay newPart) {
        return new Mention(start, newEnd, day, vague, newPart, clock);
    }
}
