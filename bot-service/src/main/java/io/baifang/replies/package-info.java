/**
 * Reply understanding: turns a customer's free Chinese reply to an invitation ("好的,明天上午十点过来",
 * "初六的那个来不了了", "退订") into one decision — intent, visit day, clock time and part of the day — as
 * fixed by {@code shared/nlu/CONVENTIONS.md}.
 *
 * <p>Public API: {@link io.baifang.replies.ReplyReader#understand(Reply)} with the value types
 * {@link io.baifang.replies.Reply}, {@link io.baifang.replies.ReplyUnderstanding}, {@link io.baifang.replies.Intent}
 * and {@link io.baifang.replies.PartOfDay}. Everything else is package-private.
 *
 * <p>The reader is plain Java (an ArchUnit test keeps Spring and Reactor out): deterministic, with the reply's
 * {@code receivedAt} as its only clock, thread-safe, and it never throws. Only {@code RepliesController}
 * ({@code POST /api/replies/understand}) and {@code ReplyReaderConfiguration} know Spring.
 *
 * <p>How it reads, in order: {@code ReplyNormaliser} brings the text to one spelling (half-width, lower case,
 * the lexicon's synonyms); {@code CueFinder} finds the lexicon's words (longest match first); {@code
 * TemporalScanner} finds the days ({@code DayExpressions}, {@code LunarCalendar}), clock times and parts of the
 * day ({@code ClockTimes}) and English ones ({@code EnglishExpressions}); {@code ReplyEvidence} cuts the reply at
 * punctuation, move words and refusals, and groups days and times into proposals, each refused, asked about or
 * proposed; {@code IntentRules} applies the contract's precedence; a day is turned into a date ({@code DayRules})
 * only for the proposal finally kept.
 *
 * <p>The vocabulary (cue words, dialect, synonyms, numbers that are no days) lives in
 * {@code config/lexicons/replies/*.txt}, which staff extend without a release; the rules (precedence, day
 * arithmetic, numerals, the lunar calendar) stay here, in code. Where the contract is silent, the decision taken
 * is written next to the rule that takes it.
 */
package io.baifang.replies;
