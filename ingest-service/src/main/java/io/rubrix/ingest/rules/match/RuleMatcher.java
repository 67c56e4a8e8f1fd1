package io.rubrix.ingest.rules.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.rules.LabelingRule;

/**
 * A dataset's labelling rules (ADR 0013) matched against a record before it is written, in process: what
 * Elasticsearch's percolator would do, which the minimal distribution lacks. Each rule's query is parsed once, as
 * Elasticsearch's {@code query_string} reads it for {@code RecordQuery.textQuery} (default field {@code words},
 * default operator AND, lenient), into a Lucene query over the records mapping; each record is put into a
 * one-document {@link MemoryIndex} (the percolator's own mechanism) with the analyzers of its fields, and every
 * rule's query is run on it.
 *
 * <pre>{@code
 * RuleMatcher matcher = RuleMatcher.compile(rules);        // once per dataset, again when its rules change
 * int[] votes = matcher.matches(document);                 // per record: indices into matcher.rules()
 * }</pre>
 *
 * <p>{@code document} is the record's Elasticsearch document exactly as it is about to be written (common's
 * {@code RecordDocument}), parsed as JSON. Only the fields the rules read are indexed.
 *
 * <p><b>Thread-safe.</b> The compiled queries are immutable; each thread matches with its own memory index, kept
 * in a thread-local and reset between records (ingest runs on a few Vert.x event loops: one index per loop).
 *
 * <p><b>What differs from Elasticsearch</b> (each would need the index's mapping at compile time):
 * <ul>
 * <li>Date fields ({@code event_timestamp}, {@code last_updated}, the team's dates) are not indexed: a query on
 * them matches nothing here.</li>
 * <li>Field name patterns ({@code inputs.*:prize}) are not expanded: they match nothing here.</li>
 * <li>A {@code metadata.*} or {@code inputs.*} value is taken as its JSON type says (integer: long; decimal:
 * float; text; boolean), as dynamic mapping maps it the first time; Elasticsearch keeps the type of the first
 * value it saw in the dataset, so a field whose type varies between records may differ; and it maps a metadata
 * text that looks like a date as a date (date detection), which is a keyword here.</li>
 * </ul>
 */
public final class RuleMatcher {

    private static final int[] NONE = new int[0];
    public static final String WORDS = "words";
    /** One memory index per thread, whatever the rules: it holds one record at a time. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final List<LabelingRule> rules;
    private final Query[] queries;
    private final RecordIndexer indexer;
    private final boolean wordsOnly;
    /** Every rule decided on the words' terms and positions, when each has such a test; else null. */
    private final WordsQuery.Test[] onWords;

    private RuleMatcher(List<LabelingRule> rules, Query[] queries, RecordIndexer indexer, boolean wordsOnly) {
        this.rules = rules;
        this.queries = queries;
        this.indexer = indexer;
        this.wordsOnly = wordsOnly;
        WordsQuery.Test[] tests = new WordsQuery.Test[queries.length];
        for (int i = 0; i < queries.length && tests != null; i++) {
            tests[i] = WordsQuery.of(queries[i]);
            tests = tests[i] == null ? null : tests;
        }
        this.onWords = wordsOnly ? tests : null;
    }

    /**
     * The matcher of {@code rules}, in their order.
     *
     * @throws RuleQueryException for the first rule whose query cannot be parsed (naming the rule and why)
     */
    public static RuleMatcher compile(List<LabelingRule> rules) {
        List<LabelingRule> kept = List.copyOf(rules);
        Set<String> fields = new HashSet<>();
        RuleQueryParser parser = new RuleQueryParser(fields);
        Query[] queries = new Query[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            LabelingRule rule = kept.get(i);
            queries[i] = parse(parser, rule.name(), rule.query());
        }
        return new RuleMatcher(kept, queries, new RecordIndexer(fields, parser.asksExistence()),
                fields.equals(Set.of(WORDS)) && !parser.asksExistence());
    }

    /** The Lucene query a rule's {@code query} becomes (for tests and diagnostics). */
    static Query parse(String query) {
        return parse(new RuleQueryParser(new HashSet<>()), "query", query);
    }

    private static Query parse(RuleQueryParser parser, String name, String query) {
        if (query == null || query.isBlank()) {
            throw new RuleQueryException(name, "rule '" + name + "' has no query", null);
        }
        try {
            return parser.parse(query);
        } catch (ParseException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            int line = reason.indexOf('\n');
            throw new RuleQueryException(name, "rule '" + name + "': query [" + query + "] cannot be parsed: "
                    + (line < 0 ? reason : reason.substring(0, line)), e);
        }
    }

    /**
     * Whether the rules read the record's {@code words} and nothing else (no field named, no existence test), the
     * usual case: then {@code {"words": ...}} is all the document {@link #matches} needs, which spares a caller
     * the whole document.
     */
    public boolean readsWordsOnly() {
        return wordsOnly;
    }

    /** The rules, in the order {@link #matches} counts them. */
    public List<LabelingRule> rules() {
        return rules;
    }

    /** The indices (into {@link #rules()}, ascending) of the rules whose query matches {@code document}. */
    public int[] matches(JsonNode document) {
        if (queries.length == 0) {
            return NONE;
        }
        if (onWords != null) {
            return matchesOnWords(WordsQuery.Words.of(document.path(WORDS)));
        }
        Scratch scratch = SCRATCH.get();
        MemoryIndex index = scratch.index; // empty: reset after each record
        try {
            indexer.index(document, index, scratch.names);
            IndexSearcher searcher = index.createSearcher();
            LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
            int[] matched = scratch.matched;
            if (matched.length < queries.length) {
                matched = scratch.matched = new int[queries.length];
            }
            int count = 0;
            for (int i = 0; i < queries.length; i++) {
                if (matches(searcher, leaf, queries[i])) {
                    matched[count++] = i;
                }
            }
            return count == 0 ? NONE : Arrays.copyOf(matched, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory index does no I/O
        } finally {
            index.reset();
        }
    }

    private int[] matchesOnWords(WordsQuery.Words words) {
        int[] matched = new int[onWords.length];
        int count = 0;
        for (int i = 0; i < onWords.length; i++) {
            if (onWords[i].on(words)) {
                matched[count++] = i;
            }
        }
        return count == 0 ? NONE : Arrays.copyOf(matched, count);
    }

    /**
     * For each rule (in {@link #rules()} order), the {@code [start, end)} offsets of the words of {@code text} it
     * matched, empty when it did not match; only when {@link #decidedOnWords()}.
     */
    public List<List<int[]>> marks(String text) {
        if (onWords == null) {
            throw new IllegalStateException("the rules are not all decided on the words");
        }
        WordsQuery.Words words = WordsQuery.Words.of(text);
        List<List<int[]>> marks = new ArrayList<>(onWords.length);
        for (WordsQuery.Test test : onWords) {
            List<int[]> found = new ArrayList<>();
            test.mark(words, found);
            marks.add(found);
        }
        return marks;
    }

    /** Whether every rule is decided without the memory index (words, phrases, AND/OR/NOT over the words). */
    public boolean decidedOnWords() {
        return onWords != null;
    }

    /** The names of the rules whose query matches {@code document}, in the rules' order. */
    public List<String> matchingNames(JsonNode document) {
        int[] matched = matches(document);
        List<String> names = new ArrayList<>(matched.length);
        for (int i : matched) {
            names.add(rules.get(i).name());
        }
        return names;
    }

    private static boolean matches(IndexSearcher searcher, LeafReaderContext leaf, Query query) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = weight.scorer(leaf);
        return scorer != null && scorer.iterator().nextDoc() != DocIdSetIterator.NO_MORE_DOCS;
    }

    private static final class Scratch {
        final MemoryIndex index = new MemoryIndex(false, false);
        final Set<String> names = new HashSet<>();
        int[] matched = new int[16];
    }
}
