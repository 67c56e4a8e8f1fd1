package io.rubrix.ingest.rules.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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

    /** A compiled rule: whether a record's words match it. */
    interface Test {
        boolean on(Words words);
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
            return onWords(term.getTerm()) ? words -> words.has(term.getTerm().text()) : null;
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
        return words -> words.hasPhrase(texts, positions);
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
        return words -> {
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
        };
    }

    /** A record's words as the index sees them: each term with its positions. */
    static final class Words {

        private final Map<String, int[]> positions = new HashMap<>();

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
                tokens.reset();
                while (tokens.incrementToken()) {
                    position[0] += increment.getPositionIncrement();
                    positions.merge(term.toString(), new int[] {position[0]}, WordsQuery::appended);
                }
                tokens.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // analyzing a string does no I/O
            }
        }

        boolean has(String term) {
            return positions.containsKey(term);
        }

        boolean hasPhrase(String[] terms, int[] offsets) {
            int[] starts = positions.get(terms[0]);
            if (starts == null) {
                return false;
            }
            for (int start : starts) {
                boolean all = true;
                for (int i = 1; i < terms.length && all; i++) {
                    all = contains(positions.get(terms[i]), start + offsets[i] - offsets[0]);
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }

        private static boolean contains(int[] values, int wanted) {
            if (values == null) {
                return false;
            }
            for (int value : values) {
                if (value == wanted) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int[] appended(int[] old, int[] added) {
        int[] both = java.util.Arrays.copyOf(old, old.length + 1);
        both[old.length] = added[0];
        return both;
    }
}
