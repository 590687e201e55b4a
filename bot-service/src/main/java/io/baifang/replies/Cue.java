package io.baifang.replies;

/** A lexicon word found in a reply, at [start, end) of the normalised text. */
record Cue(int categories, int start, int end) {

    boolean is(CueCategory category) {
        return (categories & category.bit()) != 0;
    }

    boolean isAny(CueCategory... wanted) {
        for (CueCategory category : wanted) {
            if (is(category)) {
                return true;
            }
        }
        return false;
    }

    /** Words that refuse: the day or time in the same stretch of text is not being proposed. */
    boolean refuses() {
        return isAny(CueCategory.DECLINE, CueCategory.CANCEL);
    }

    /** Words that carry no intent themselves and hide the day words inside them (早上好, 上周, 过两天). */
    boolean masksDays() {
        return isAny(CueCategory.GREETING, CueCategory.NEUTRAL, CueCategory.VAGUE);
    }

    Cue as(CueCategory category) {
        return new Cue(category.bit(), start, end);
    }
}
