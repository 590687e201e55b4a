package io.baifang.replies;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reply says, laid out for the intent rules: the cues found, and the days and times it names grouped
 * into proposals ("slots"), each marked as refused (明天没空), asked about (明天几点开门?) or proposed.
 *
 * <p>A reply is cut into segments: at punctuation, before a word that moves the visit (改到, 换成) and after
 * a word that refuses (没空, 来不了). A day in a segment that refuses is refused; so is a day after a refusal in
 * the same clause, unless something agrees to it (明天不行后天行, but not 取消明天的预约).
 */
final class ReplyEvidence {

    /** A stretch of one clause between a move word, a refusal and the clause's ends. */
    record Segment(int clause, int start, int end, boolean movesVisit, boolean refuses, boolean followsRefusal,
                   boolean agrees) {

        boolean refused() {
            return refuses || (followsRefusal && !agrees && !movesVisit);
        }
    }

    /** The days and times that belong together (明天上午十点), and how the reply treats them. */
    static final class Slot {
        DayRule day;
        boolean vague;
        PartOfDay part;
        ClockReading clock;
        final boolean refused;
        final boolean questioned;
        /** Whether a yes or a coming verb stands in the clause (过两天再来, not 过年才回). */
        boolean agreed;
        int lastSegment;

        Slot(boolean refused, boolean questioned) {
            this.refused = refused;
            this.questioned = questioned;
        }

        boolean namesDay() {
            return day != null || vague;
        }

        boolean conflictsWith(Mention mention) {
            return (mention.namesDay() && namesDay())
                    || (mention.clock() != null && clock != null)
                    || (mention.part() != null && part != null && mention.part() != part);
        }

        void absorb(Mention mention) {
            if (mention.day() != null) {
                day = mention.day();
            }
            vague |= mention.vague();
            if (mention.part() != null) {
                part = mention.part();
            }
            if (mention.clock() != null) {
                clock = mention.clock();
            }
        }
    }

    private final String text;
    private final List<Cue> cues;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final boolean[] clauseAsks;
    private final boolean[] clauseAgrees;
    private int categories;

    ReplyEvidence(String text, Clauses clauses, List<Cue> cues, List<Mention> mentions) {
        this.text = text;
        this.cues = cues;
        this.clauseAsks = new boolean[clauses.size()];
        this.clauseAgrees = new boolean[clauses.size()];
        for (Cue cue : cues) {
            categories |= cue.categories();
        }
        // 礼品? and 营业时间 ask about a topic; 谢谢你们的礼品 thanks for it, 有礼品就去 agrees on a condition
        boolean saysSomethingElse = has(CueCategory.GREETING) || has(CueCategory.AGREE) || has(CueCategory.COME)
                || has(CueCategory.DECLINE) || has(CueCategory.CANCEL);
        boolean topicsAsk = text.indexOf('?') >= 0 || !saysSomethingElse;
        for (Cue cue : cues) {
            int clause = clauses.indexAt(cue.start());
            if (clause < 0) {
                continue;
            }
            if (cue.is(CueCategory.QUESTION) || (cue.is(CueCategory.QUESTION_TOPIC) && topicsAsk)) {
                clauseAsks[clause] = true;
            }
            if (agrees(cue)) {
                clauseAgrees[clause] = true;
            }
        }
        cutSegments(clauses);
        refuseDaysBeforeABareRefusal(clauses, mentions);
        groupSlots(mentions);
    }

    // ---- what the intent rules ask

    boolean has(CueCategory category) {
        return (categories & category.bit()) != 0;
    }

    boolean refuses() {
        return has(CueCategory.DECLINE) || has(CueCategory.CANCEL);
    }

    boolean asks() {
        for (boolean asks : clauseAsks) {
            if (asks) {
                return true;
            }
        }
        return false;
    }

    /** A yes (好的, 要得, ok), not "can" (可以办卡吗). */
    boolean saysYes() {
        for (Cue cue : cues) {
            if (cue.is(CueCategory.AGREE) && !isModalCan(cue)) {
                return true;
            }
        }
        return false;
    }

    /** A coming verb that is not itself asked about (怎么去? asks, 明天去 comes). */
    boolean comes() {
        for (Cue cue : cues) {
            if (cue.is(CueCategory.COME)) {
                Segment segment = segmentAt(cue.start());
                if (segment != null && !segment.refused() && !clauseAsks[segment.clause()]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The visit proposed: the last day or time neither refused nor asked about, completed from the one before.
     * After a refusal, a vague time alone proposes nothing (在外地，过年才回; 最近没空，有空再说).
     */
    Slot proposal() {
        for (int k = slots.size() - 1; k >= 0; k--) {
            Slot slot = slots.get(k);
            boolean looseAfterRefusal = slot.vague && !slot.agreed && refuses();
            if (!slot.refused && !slot.questioned && !looseAfterRefusal) {
                return completed(k);
            }
        }
        return null;
    }

    /** For a yes without a proposal (好的，明天几点开门?): the last day or time not refused. */
    Slot lastNotRefused() {
        for (int k = slots.size() - 1; k >= 0; k--) {
            if (!slots.get(k).refused) {
                return completed(k);
            }
        }
        return null;
    }

    /**
     * A time with no day takes the day of the slot before it, when that day is still standing: 明天吧，下午三点;
     * 明天上午没空，下午可以 (the refusal was of the morning); 明天那个改到下午三点. Not after 明天没空 alone.
     */
    private Slot completed(int k) {
        Slot slot = slots.get(k);
        if (slot.namesDay() || k == 0) {
            return slot;
        }
        Slot before = slots.get(k - 1);
        boolean dayStillStands = !before.refused || before.part != null || before.clock != null;
        if (before.day != null && !before.vague && dayStillStands) {
            Slot merged = new Slot(slot.refused, slot.questioned);
            merged.day = before.day;
            merged.part = slot.part;
            merged.clock = slot.clock;
            return merged;
        }
        return slot;
    }

    // ---- segments and slots

    private boolean agrees(Cue cue) {
        return (cue.is(CueCategory.AGREE) && !isModalCan(cue)) || cue.is(CueCategory.COME);
    }

    /** 可以 before a verb (可以办卡吗) is "can", not "yes". */
    private boolean isModalCan(Cue cue) {
        if (cue.end() - cue.start() != 2 || !ReplyChars.startsWith(text, cue.start(), "可以")) {
            return false;
        }
        char next = ReplyChars.at(text, cue.end());
        return ReplyChars.isCjk(next) && !ReplyChars.isParticle(next);
    }

    private void cutSegments(Clauses clauses) {
        int next = 0;
        for (int k = 0; k < clauses.size(); k++) {
            Clauses.Clause clause = clauses.get(k);
            while (next < cues.size() && cues.get(next).start() < clause.start()) {
                next++;
            }
            int start = clause.start();
            boolean moves = false;
            boolean followsRefusal = false;
            boolean agrees = false;
            for (; next < cues.size() && cues.get(next).start() < clause.end(); next++) {
                Cue cue = cues.get(next);
                if (cue.is(CueCategory.RESCHEDULE)) {
                    if (cue.start() > start) {
                        segments.add(new Segment(k, start, cue.start(), moves, false, followsRefusal, agrees));
                        start = cue.start();
                        agrees = false;
                        followsRefusal = false;
                    }
                    moves = true;
                }
                agrees |= agrees(cue);
                if (cue.refuses()) {
                    segments.add(new Segment(k, start, cue.end(), moves, true, followsRefusal, agrees));
                    start = cue.end();
                    moves = false;
                    agrees = false;
                    followsRefusal = true;
                }
            }
            if (start < clause.end() || segments.isEmpty() || segments.get(segments.size() - 1).clause() != k) {
                segments.add(new Segment(k, start, clause.end(), moves, false, followsRefusal, agrees));
            }
        }
    }

    /**
     * 明天上班，去不了: a clause that only refuses (no day, no yes of its own) refuses the day named in the clause
     * just before it, when that clause did not agree to anything.
     */
    private void refuseDaysBeforeABareRefusal(Clauses clauses, List<Mention> mentions) {
        boolean[] clauseNamesTime = new boolean[clauses.size()];
        for (Mention mention : mentions) {
            int clause = clauses.indexAt(mention.start());
            if (clause >= 0) {
                clauseNamesTime[clause] = true;
            }
        }
        boolean[] clauseRefuses = new boolean[clauses.size()];
        for (Segment segment : segments) {
            clauseRefuses[segment.clause()] |= segment.refuses();
        }
        for (int k = 1; k < clauses.size(); k++) {
            boolean bareRefusal = clauseRefuses[k] && !clauseNamesTime[k] && !clauseAgrees[k];
            if (bareRefusal && clauseNamesTime[k - 1] && !clauseAgrees[k - 1] && !clauseRefuses[k - 1]) {
                for (int s = 0; s < segments.size(); s++) {
                    Segment segment = segments.get(s);
                    if (segment.clause() == k - 1 && !segment.movesVisit()) {
                        segments.set(s, new Segment(segment.clause(), segment.start(), segment.end(), false, true,
                                segment.followsRefusal(), segment.agrees()));
                    }
                }
            }
        }
    }

    private Segment segmentAt(int position) {
        for (Segment segment : segments) {
            if (position >= segment.start() && position < segment.end()) {
                return segment;
            }
        }
        return null;
    }

    private int segmentIndexAt(int position, int from) {
        for (int k = Math.max(from, 0); k < segments.size(); k++) {
            if (position < segments.get(k).end()) {
                return k;
            }
        }
        return segments.size() - 1;
    }

    private void groupSlots(List<Mention> mentions) {
        Slot current = null;
        int segmentIndex = 0;
        for (Mention mention : mentions) {
            segmentIndex = segmentIndexAt(mention.start(), segmentIndex);
            if (segmentIndex < 0) {
                continue;
            }
            Segment segment = segments.get(segmentIndex);
            boolean refused = segment.refused();
            boolean questioned = clauseAsks[segment.clause()] && !clauseAgrees[segment.clause()] && !segment.movesVisit();
            boolean newSegmentStartsAnew = current != null && current.lastSegment != segmentIndex
                    && (segment.movesVisit() || refused != current.refused || questioned != current.questioned);
            if (current == null || newSegmentStartsAnew || current.conflictsWith(mention)) {
                current = new Slot(refused, questioned);
                slots.add(current);
            }
            current.absorb(mention);
            current.agreed |= clauseAgrees[segment.clause()];
            current.lastSegment = segmentIndex;
        }
    }
}
