package io.rubrix.ingest.rules.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The usual rule, words, phrases and AND/OR/NOT over a record's {@code words}, decided on the record's terms and
 * their positions, without a memory index: the record's words are analyzed once (as the index does) and each rule is
 * a few set lookups. Queries of other shapes (wildcards, fuzzy terms, ranges, other fields, sloppy phrases) have no
 * test here and go through the memory index ({@link RuleMatcher}).
 */
final class WordsQuery {

    /** A compiled rule: whether a record's words match it, and which words it matched (for spans). */
    interface Test {
        boolean on(Words words);

        /** Adds the {@code [start, end)} offsets of the words this query matched, when it matches. */
        default void mark(Words words, List<int[]> marks) {
        }
    }

    private WordsQuery() {
    }

    /** The test of {@code query}, or null when it needs the memory index. */
    static Test of(Query query) {
        if (query instanceof BoostQuery boost) {
            return of(boost.getQuery());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return of(constant.getQuery());
        }
        if (query instanceof MatchAllDocsQuery) {
            return words -> true;
        }
        if (query instanceof MatchNoDocsQuery) {
            return words -> false;
        }
        if (query instanceof TermQuery term) {
            if (!onWords(term.getTerm())) {
                return null;
            }
            String text = term.getTerm().text();
            return new Test() {
                @Override
                public boolean on(Words words) {
                    return words.has(text);
                }

                @Override
                public void mark(Words words, List<int[]> marks) {
                    words.markAll(text, marks);
                }
            };
        }
        if (query instanceof PhraseQuery phrase) {
            return phrase(phrase);
        }
        if (query instanceof BooleanQuery bool) {
            return bool(bool);
        }
        return null;
    }

    private static boolean onWords(Term term) {
        return RuleQueryParser.DEFAULT_FIELD.equals(term.field());
    }

    private static Test phrase(PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        if (phrase.getSlop() != 0 || terms.length == 0) {
            return null;
        }
        for (Term term : terms) {
            if (!onWords(term)) {
                return null;
            }
        }
        String[] texts = new String[terms.length];
        for (int i = 0; i < terms.length; i++) {
            texts[i] = terms[i].text();
        }
        return new Test() {
            @Override
            public boolean on(Words words) {
                return words.phraseStarts(texts, positions, null);
            }

            @Override
            public void mark(Words words, List<int[]> marks) {
                words.phraseStarts(texts, positions, marks);
            }
        };
    }

    private static Test bool(BooleanQuery bool) {
        List<Test> must = new ArrayList<>();
        List<Test> should = new ArrayList<>();
        List<Test> mustNot = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            Test test = of(clause.getQuery());
            if (test == null) {
                return null;
            }
            switch (clause.getOccur()) {
                case MUST, FILTER -> must.add(test);
                case SHOULD -> should.add(test);
                case MUST_NOT -> mustNot.add(test);
            }
        }
        // Lucene: with required clauses the optional ones only score unless a minimum is set; without, one must
        // match; a query of prohibitions alone matches nothing
        int minimum = must.isEmpty() ? Math.max(1, bool.getMinimumNumberShouldMatch())
                : bool.getMinimumNumberShouldMatch();
        if (must.isEmpty() && should.isEmpty()) {
            return words -> false;
        }
        return new Test() {
            @Override
            public boolean on(Words words) {
                for (Test test : must) {
                    if (!test.on(words)) {
                        return false;
                    }
                }
                for (Test test : mustNot) {
                    if (test.on(words)) {
                        return false;
                    }
                }
                if (minimum == 0) {
                    return true;
                }
                int matched = 0;
                for (Test test : should) {
                    if (test.on(words) && ++matched >= minimum) {
                        return true;
                    }
                }
                return false;
            }

            /** The words of the required clauses and of the optional ones that matched, when the whole matches. */
            @Override
            public void mark(Words words, List<int[]> marks) {
                if (!on(words)) {
                    return;
                }
                must.forEach(test -> test.mark(words, marks));
                should.stream().filter(test -> test.on(words)).forEach(test -> test.mark(words, marks));
            }
        };
    }

    /** A record's words as the index sees them: each term with its positions. */
    static final class Words {

        /** Each term's occurrences: position, start and end offsets, three ints each. */
        private final Map<String, int[]> positions = new HashMap<>();

        /** The words of one text, with the offsets of each occurrence in it. */
        static Words of(String text) {
            Words analyzed = new Words();
            analyzed.add(text, new int[] {-1});
            return analyzed;
        }

        /** The {@code words} of a document (a text, or a list of texts with the index's gap between them). */
        static Words of(JsonNode words) {
            Words analyzed = new Words();
            int[] position = {-1};
            if (words.isArray()) {
                for (JsonNode value : words) {
                    analyzed.add(value.asText(), position);
                    position[0] += RecordFields.POSITION_INCREMENT_GAP;
                }
            } else if (words.isTextual()) {
                analyzed.add(words.asText(), position);
            }
            return analyzed;
        }

        private void add(String text, int[] position) {
            try (TokenStream tokens = RecordFields.WORDS.tokenStream(RuleQueryParser.DEFAULT_FIELD, text)) {
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
                OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    position[0] += increment.getPositionIncrement();
                    positions.merge(term.toString(), new int[] {position[0], offset.startOffset(), offset.endOffset()},
                            WordsQuery::appended);
                }
                tokens.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // analyzing a string does no I/O
            }
        }

        boolean has(String term) {
            return positions.containsKey(term);
        }

        void markAll(String term, List<int[]> marks) {
            int[] found = positions.get(term);
            for (int i = 0; found != null && i < found.length; i += 3) {
                marks.add(new int[] {found[i + 1], found[i + 2]});
            }
        }

        /**
         * Whether the phrase occurs (its terms at these relative positions); with {@code marks}, every occurrence's
         * words are added to them.
         */
        boolean phraseStarts(String[] terms, int[] relative, List<int[]> marks) {
            int[] first = positions.get(terms[0]);
            boolean any = false;
            for (int i = 0; first != null && i < first.length; i += 3) {
                int[] ends = {first[i + 2]};
                boolean all = true;
                for (int t = 1; t < terms.length && all; t++) {
                    int at = find(positions.get(terms[t]), first[i] + relative[t] - relative[0]);
                    all = at >= 0;
                    if (all) {
                        ends[0] = Math.max(ends[0], positions.get(terms[t])[at + 2]);
                    }
                }
                if (all) {
                    if (marks == null) {
                        return true;
                    }
                    any = true;
                    marks.add(new int[] {first[i + 1], ends[0]});
                }
            }
            return any;
        }

        /** The index of the occurrence at {@code position} in {@code occurrences}, or -1. */
        private static int find(int[] occurrences, int position) {
            for (int i = 0; occurrences != null && i < occurrences.length; i += 3) {
                if (occurrences[i] == position) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static int[] appended(int[] old, int[] added) {
        int[] both = java.util.Arrays.copyOf(old, old.length + added.length);
        System.arraycopy(added, 0, both, old.length, added.length);
        return both;
    }
}
