package io.rubrix.cli.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multinomial naive Bayes spam filter (Laplace smoothing), the classic baseline for this corpus. Its weights
 * explain it: a word's attribution is its log-likelihood ratio log P(word|spam) - log P(word|ham).
 */
final class NaiveBayes {

    static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z']{1,19}");
    private static final Set<String> STOP = Set.of("the", "and", "to", "of", "a", "in", "is", "it", "you", "that",
            "for", "on", "this", "with", "be", "are", "as", "at", "or", "an", "by", "from", "we", "i", "your", "have",
            "not", "was", "but", "if", "so", "can", "will", "all", "my", "do", "me", "our", "has", "they", "he");

    private final Map<String, int[]> counts = new HashMap<>();
    private final long[] totals = new long[2];
    private final long[] documents = new long[2];

    /** Learns from one labelled text. */
    void learn(String text, boolean spam) {
        int label = spam ? 1 : 0;
        documents[label]++;
        for (String word : words(text)) {
            counts.computeIfAbsent(word, w -> new int[2])[label]++;
            totals[label]++;
        }
    }

    /**
     * P(spam | text), tempered: naive Bayes adds up every word as if independent, which drives its probabilities
     * to 0 or 1; dividing the log-odds by the square root of the word count gives confidences people can read
     * (and a confidence histogram worth looking at), without changing which side of 0.5 a message falls.
     */
    double spamProbability(String text) {
        List<String> words = words(text);
        double evidence = 0;
        for (String word : words) {
            evidence += weight(word);
        }
        double logOdds = (Math.log((documents[1] + 1.0) / (documents[0] + 1.0)) + evidence)
                / Math.sqrt(Math.max(1, words.size()));
        return 1.0 / (1.0 + Math.exp(-Math.max(-30, Math.min(30, logOdds))));
    }

    /** log P(word|spam) - log P(word|ham); 0 for a word never seen or a stop word. */
    double weight(String word) {
        String key = word.toLowerCase(Locale.ROOT);
        int[] seen = counts.get(key);
        if (seen == null || STOP.contains(key)) {
            return 0;
        }
        double vocabulary = counts.size();
        return Math.log((seen[1] + 1.0) / (totals[1] + vocabulary)) - Math.log((seen[0] + 1.0) / (totals[0] + vocabulary));
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (!STOP.contains(lower)) {
                words.add(lower);
            }
        }
        return words;
    }
}
