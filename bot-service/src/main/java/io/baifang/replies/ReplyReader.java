package io.baifang.replies;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a customer's free Chinese reply into intent, visit day and time, following
 * {@code shared/nlu/CONVENTIONS.md}. Pure, deterministic (the clock is the reply's {@code receivedAt}), thread-safe,
 * and it never throws: whatever the text, the answer is at worst {@link Intent#UNKNOWN}.
 */
public final class ReplyReader {

    private static final ZoneId BRANCH_ZONE = ZoneId.of("Asia/Shanghai");

    private final ReplyNormaliser normaliser;
    private final CueFinder cueFinder;
    private final TemporalScanner temporalScanner;

    ReplyReader(Lexicon lexicon) {
        this.normaliser = new ReplyNormaliser(lexicon.synonyms());
        this.cueFinder = new CueFinder(lexicon, normaliser);
        NumbersThatAreNotDays numbers = new NumbersThatAreNotDays(lexicon);
        ClockTimes clocks = new ClockTimes(numbers);
        this.temporalScanner = new TemporalScanner(
                new DayExpressions(new LunarCalendar(), numbers), clocks, new EnglishExpressions(clocks));
    }

    /**
     * A reader with the lexicon in {@code <configDir>/lexicons/replies/}.
     *
     * @throws IllegalArgumentException naming the file and line when a lexicon file is missing or malformed
     */
    public static ReplyReader fromConfigDir(Path configDir) {
        return new ReplyReader(Lexicon.load(configDir));
    }

    public ReplyUnderstanding understand(Reply reply) {
        if (reply == null) {
            return ReplyUnderstanding.only(Intent.UNKNOWN);
        }
        try {
            return read(reply);
        } catch (RuntimeException | StackOverflowError e) {
            // a reply we cannot read is a reply we do not understand, never a failed request
            return ReplyUnderstanding.only(Intent.UNKNOWN);
        }
    }

    private ReplyUnderstanding read(Reply reply) {
        String text = normaliser.normalise(reply.text());
        if (text.isEmpty()) {
            return ReplyUnderstanding.only(Intent.UNKNOWN);
        }
        Clauses clauses = Clauses.of(text);
        List<Cue> cues = cueFinder.find(text);
        List<Mention> mentions = temporalScanner.scan(text, maskedUntil(text, cues));
        cues = withoutMasksInsideDays(cues, mentions);
        cues = withClauseWords(text, clauses, cues, mentions);
        cues = QuestionForms.withQuestionForms(text, clauses, cues);
        cues = NegatedCues.refusalsForNegatedYes(text, cues);
        mentions = withVagueCues(mentions, cues);
        ReplyEvidence evidence = new ReplyEvidence(text, clauses, cues, mentions);

        ZonedDateTime now = reply.receivedAt().atZoneSameInstant(BRANCH_ZONE);
        ReplyEvidence.Slot proposal = evidence.proposal();
        LocalDate proposedDate = proposal == null || proposal.day == null ? null : dateOf(proposal.day, now.toLocalDate());
        Intent intent = IntentRules.decide(evidence, reply, proposal, proposedDate);
        if (intent != Intent.BOOK && intent != Intent.RESCHEDULE) {
            return ReplyUnderstanding.only(intent);
        }
        ReplyEvidence.Slot visit = proposal != null ? proposal : evidence.lastNotRefused();
        return visitOn(intent, visit, reply, now);
    }

    private static ReplyUnderstanding visitOn(Intent intent, ReplyEvidence.Slot visit, Reply reply, ZonedDateTime now) {
        if (visit == null) {
            // 好的 / 会去的 / 到时候来: the day the invitation offered, if any; a move to no named day (改一下时间)
            // leaves the new day open
            LocalDate date = intent == Intent.BOOK ? reply.offeredDate() : null;
            return new ReplyUnderstanding(intent, date, null, null);
        }
        LocalTime time = visit.clock == null ? null : visit.clock.resolve(visit.part);
        PartOfDay part = time != null ? PartOfDay.of(time) : visit.part;
        LocalDate date;
        if (visit.vague) {
            date = null;
        } else if (visit.day != null) {
            date = dateOf(visit.day, now.toLocalDate());
        } else if (time == null && part == null) {
            date = reply.offeredDate();
        } else if (reply.offeredDate() != null) {
            date = reply.offeredDate();
        } else {
            date = nextOccurrence(now, time, part);
        }
        return new ReplyUnderstanding(intent, date, time, part);
    }

    /** A time with no day: today if still ahead, else tomorrow; a part of the day: today if not yet over. */
    private static LocalDate nextOccurrence(ZonedDateTime now, LocalTime time, PartOfDay part) {
        LocalDate today = now.toLocalDate();
        LocalTime clock = now.toLocalTime();
        if (time != null) {
            return time.isAfter(clock) ? today : today.plusDays(1);
        }
        return part.hasEndedAt(clock) ? today.plusDays(1) : today;
    }

    private static LocalDate dateOf(DayRule day, LocalDate today) {
        try {
            return day.dateFrom(today);
        } catch (RuntimeException e) {
            // a day the calendar cannot place (a year the lunar tables do not cover) is no day
            return null;
        }
    }

    private static int[] maskedUntil(String text, List<Cue> cues) {
        int[] maskedUntil = new int[text.length()];
        for (Cue cue : cues) {
            if (cue.masksDays()) {
                maskedUntil[cue.start()] = cue.end();
            }
        }
        return maskedUntil;
    }

    /**
     * A masking word that a day expression started before and ran over is part of that day: 年初 in 大年初二,
     * 月初 in 正月初八.
     */
    private static List<Cue> withoutMasksInsideDays(List<Cue> cues, List<Mention> mentions) {
        if (mentions.isEmpty()) {
            return cues;
        }
        List<Cue> kept = new ArrayList<>(cues.size());
        int m = 0;
        for (Cue cue : cues) {
            while (m < mentions.size() && mentions.get(m).end() <= cue.start()) {
                m++;
            }
            boolean insideDay = m < mentions.size() && mentions.get(m).start() < cue.start();
            if (!(insideDay && cue.masksDays())) {
                kept.add(cue);
            }
        }
        return kept;
    }

    private List<Cue> withClauseWords(String text, Clauses clauses, List<Cue> cues, List<Mention> mentions) {
        List<CueFinder.Token> tokens = new ArrayList<>(cues.size() + mentions.size());
        for (Cue cue : cues) {
            tokens.add(new CueFinder.Token(cue.start(), cue.end(), cue.refuses()));
        }
        for (Mention mention : mentions) {
            tokens.add(new CueFinder.Token(mention.start(), mention.end(), true));
        }
        tokens.sort(Comparator.comparingInt(CueFinder.Token::start));
        List<Cue> clauseWords = cueFinder.findClauseWords(text, clauses, tokens);
        if (clauseWords.isEmpty()) {
            return cues;
        }
        List<Cue> all = new ArrayList<>(cues);
        all.addAll(clauseWords);
        all.sort(Comparator.comparingInt(Cue::start));
        return all;
    }

    /** 改天, 过两天, 有空再说: a time named too loosely to book, standing where a day would. */
    private static List<Mention> withVagueCues(List<Mention> mentions, List<Cue> cues) {
        List<Mention> all = null;
        for (Cue cue : cues) {
            if (cue.is(CueCategory.VAGUE)) {
                if (all == null) {
                    all = new ArrayList<>(mentions);
                }
                all.add(Mention.vague(cue.start(), cue.end()));
            }
        }
        if (all == null) {
            return mentions;
        }
        all.sort(Comparator.comparingInt(Mention::start));
        return all;
    }
}
