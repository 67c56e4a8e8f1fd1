package io.rubrix.model.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenOffsets;

/**
 * Token classification's weak labels (ADR 0013): each rule that matched a record marks the words its query matched
 * (read from Elasticsearch's highlighting of the record's text: adjacent marked words, only spaces between them, are
 * one span, as a phrase is), snapped out to the record's tokens. The label model is the majority vote, span by span:
 * a span's label is the one most rules marking exactly that span gave it (a tie abstains), its score that label's
 * share of them; where spans overlap, the better supported one (more votes, then longer, then first) is kept.
 */
public final class SpanVotes {

    private final Map<List<Integer>, Map<String, Integer>> votes = new LinkedHashMap<>();

    /** The spans a rule voted {@code label} for: {@code [start, end)} character offsets of the text. */
    public void add(List<int[]> spans, String label) {
        for (int[] span : spans) {
            votes.computeIfAbsent(List.of(span[0], span[1]), any -> new LinkedHashMap<>()).merge(label, 1, Integer::sum);
        }
    }

    /** The weak entities, in text order; empty when nothing was voted, or only ties. */
    public List<EntitySpan> entities() {
        List<Candidate> candidates = new ArrayList<>();
        votes.forEach((span, byLabel) -> {
            int total = byLabel.values().stream().mapToInt(Integer::intValue).sum();
            int best = byLabel.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> top = byLabel.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey)
                    .toList();
            if (top.size() == 1) {
                candidates.add(new Candidate(span.get(0), span.get(1), top.get(0), best, (double) best / total));
            }
        });
        candidates.sort(Comparator.comparingInt(Candidate::votes).reversed()
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.end() - c.start()).reversed())
                .thenComparingInt(Candidate::start));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (kept.stream().noneMatch(other -> other.start() < candidate.end() && candidate.start() < other.end())) {
                kept.add(candidate);
            }
        }
        return kept.stream().sorted(Comparator.comparingInt(Candidate::start))
                .map(c -> new EntitySpan(c.start(), c.end(), c.label(), c.score())).toList();
    }

    private record Candidate(int start, int end, String label, int votes, double score) {
    }

    /**
     * The spans marked in {@code highlighted} (the text with each matched word between {@code open} and
     * {@code close}), merged across spaces, as offsets of the text without the marks, snapped out to {@code tokens}'
     * boundaries when they are found in the text.
     */
    public static List<int[]> marked(String highlighted, char open, char close, String text, List<String> tokens) {
        List<int[]> words = new ArrayList<>();
        int offset = 0;
        int start = -1;
        for (int i = 0; i < highlighted.length(); i++) {
            char c = highlighted.charAt(i);
            if (c == open) {
                start = offset;
            } else if (c == close) {
                if (start >= 0) {
                    words.add(new int[] {start, offset});
                }
                start = -1;
            } else {
                offset++;
            }
        }
        return joined(words, text, tokens);
    }

    /**
     * Matched words ({@code [start, end)} offsets of {@code text}, in any order) as spans: words with only spaces
     * between them joined (the words of a phrase, or neighbours), each span widened to {@code tokens}' boundaries
     * when they are found in the text.
     */
    public static List<int[]> joined(List<int[]> words, String text, List<String> tokens) {
        List<int[]> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt((int[] word) -> word[0]).thenComparingInt(word -> word[1]));
        List<int[]> spans = new ArrayList<>();
        for (int[] word : sorted) {
            int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && (word[0] <= last[1] || text.substring(last[1], word[0]).isBlank())) {
                last[1] = Math.max(last[1], word[1]);
            } else {
                spans.add(new int[] {word[0], word[1]});
            }
        }
        TokenOffsets offsets = TokenOffsets.locate(text, tokens == null ? List.of() : tokens);
        if (offsets.complete() && tokens != null && !tokens.isEmpty()) {
            for (int[] span : spans) {
                snap(span, offsets);
            }
        }
        return spans;
    }

    /** Widens {@code span} to the tokens it touches. */
    private static void snap(int[] span, TokenOffsets offsets) {
        int start = span[0];
        int end = span[1];
        for (int i = 0; i < offsets.starts().length; i++) {
            if (offsets.starts()[i] < span[1] && span[0] < offsets.ends()[i]) {
                start = Math.min(start, offsets.starts()[i]);
                end = Math.max(end, offsets.ends()[i]);
            }
        }
        span[0] = start;
        span[1] = end;
    }
}
