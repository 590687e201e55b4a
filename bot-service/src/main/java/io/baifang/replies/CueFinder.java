package io.baifang.replies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the lexicon's words in a normalised reply: longest match first, left to right, never overlapping. */
final class CueFinder {

    /** How far apart the two halves of a gapped entry may be (我不是 + 王大锤 + 先生 is too far). */
    private static final int MAX_GAP = 4;

    private record Pattern(int categories, String[] tails) {
    }

    private final PhraseTrie<List<Pattern>> phrases = new PhraseTrie<>();
    private final Map<String, Integer> clauseWords = new HashMap<>();

    CueFinder(Lexicon lexicon, ReplyNormaliser normaliser) {
        for (CueCategory category : CueCategory.values()) {
            for (Lexicon.Entry entry : lexicon.cues(category)) {
                add(category, entry, normaliser);
            }
        }
    }

    private void add(CueCategory category, Lexicon.Entry entry, ReplyNormaliser normaliser) {
        String text = entry.text();
        if (text.startsWith("=")) {
            String word = normaliser.normalise(text.substring(1).strip());
            requireWord(word, entry);
            clauseWords.merge(word, category.bit(), (a, b) -> a | b);
            return;
        }
        String[] parts = text.split("\\*");
        for (int k = 0; k < parts.length; k++) {
            parts[k] = normaliser.normalise(parts[k].strip());
            requireWord(parts[k], entry);
        }
        String[] tails = new String[parts.length - 1];
        System.arraycopy(parts, 1, tails, 0, tails.length);
        phrases.update(parts[0], patterns -> withPattern(patterns, category.bit(), tails));
    }

    private static List<Pattern> withPattern(List<Pattern> patterns, int bit, String[] tails) {
        List<Pattern> updated = patterns == null ? new ArrayList<>() : new ArrayList<>(patterns);
        for (int k = 0; k < updated.size(); k++) {
            Pattern existing = updated.get(k);
            if (java.util.Arrays.equals(existing.tails(), tails)) {
                updated.set(k, new Pattern(existing.categories() | bit, tails));
                return updated;
            }
        }
        updated.add(new Pattern(bit, tails));
        return updated;
    }

    private static void requireWord(String word, Lexicon.Entry entry) {
        if (word.isEmpty() || word.isBlank()) {
            throw new IllegalArgumentException("Lexicon file " + entry.source() + ": the entry '" + entry.text()
                    + "' is empty once normalised");
        }
    }

    List<Cue> find(String text) {
        List<Cue> cues = new ArrayList<>();
        PhraseTrie.Node<List<Pattern>> root = phrases.root();
        int i = 0;
        while (i < text.length()) {
            int bestEnd = -1;
            int bestCategories = 0;
            PhraseTrie.Node<List<Pattern>> node = root;
            for (int j = i; j < text.length(); j++) {
                node = node.child(text.charAt(j));
                if (node == null) {
                    break;
                }
                if (node.value() == null || !ReplyNormaliser.isWholeLatinWord(text, i, j + 1)) {
                    continue;
                }
                for (Pattern pattern : node.value()) {
                    int end = pattern.tails().length == 0 ? j + 1 : matchTails(text, j + 1, pattern.tails());
                    if (end > bestEnd) {
                        bestEnd = end;
                        bestCategories = pattern.categories();
                    } else if (end == bestEnd && end > 0) {
                        bestCategories |= pattern.categories();
                    }
                }
            }
            if (bestEnd > 0) {
                cues.add(new Cue(bestCategories, i, bestEnd));
                i = bestEnd;
            } else {
                i++;
            }
        }
        return cues;
    }

    private static int matchTails(String text, int from, String[] tails) {
        int position = from;
        for (String tail : tails) {
            int found = -1;
            for (int k = position; k <= position + MAX_GAP && k < text.length(); k++) {
                if (ReplyChars.startsWith(text, k, tail)) {
                    found = k;
                    break;
                }
                if (ReplyChars.isSeparator(text, k)) {
                    break;
                }
            }
            if (found < 0) {
                return -1;
            }
            position = found + tail.length();
        }
        return position;
    }

    /** Something already read in a reply: a cue or a day, and whether a clause word may follow it. */
    record Token(int start, int end, boolean clauseWordMayFollow) {
    }

    /**
     * Whole-clause words (=行, =t) found in the tail of each clause: the whole clause ("行"), or what follows its
     * last day or refusal ("后天行", "明天不行，后天行"), but not what follows another cue (周末开门不 asks).
     *
     * @param tokens the cues and days found, sorted by start
     */
    List<Cue> findClauseWords(String text, Clauses clauses, List<Token> tokens) {
        List<Cue> found = new ArrayList<>();
        int next = 0;
        for (Clauses.Clause clause : clauses.all()) {
            int start = clause.start();
            boolean mayFollow = true;
            while (next < tokens.size() && tokens.get(next).start() < clause.end()) {
                Token token = tokens.get(next++);
                if (token.start() >= clause.start()) {
                    start = Math.max(start, token.end());
                    mayFollow = token.clauseWordMayFollow();
                }
            }
            if (!mayFollow || start >= clause.end()) {
                continue;
            }
            Integer categories = clauseWordCategories(text.substring(start, clause.end()));
            if (categories != null) {
                found.add(new Cue(categories, start, clause.end()));
            }
        }
        return found;
    }

    private Integer clauseWordCategories(String tail) {
        String word = tail.strip();
        for (String lead : new String[] {"那就", "那么", "那", "就"}) {
            if (word.startsWith(lead) && word.length() > lead.length()) {
                word = word.substring(lead.length());
                break;
            }
        }
        int end = word.length();
        while (end > 1 && (ReplyChars.isParticle(word.charAt(end - 1)) || word.charAt(end - 1) == ' ')) {
            end--;
        }
        word = word.substring(0, end).strip();
        if (word.isEmpty() || word.length() > 12) {
            return null;
        }
        Integer categories = clauseWords.get(word);
        if (categories != null) {
            return categories;
        }
        for (int length = 1; length <= word.length() / 2; length++) {
            if (word.length() % length == 0 && word.equals(word.substring(0, length).repeat(word.length() / length))) {
                return clauseWords.get(word.substring(0, length));
            }
        }
        return null;
    }
}
