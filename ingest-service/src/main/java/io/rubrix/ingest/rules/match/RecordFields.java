package io.rubrix.ingest.rules.match;

import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The records index's mapping ({@code common/.../index/records-template.json}) as the matcher needs it: for each
 * field path, how Elasticsearch indexes it, and the analyzers that mirror the mapping's. Built by hand (no
 * {@code CustomAnalyzer}, whose factories are found by SPI), so nothing here is looked up by name at run time.
 */
final class RecordFields {

    /** Elasticsearch's text fields put this gap between the values of a multi-valued field. */
    static final int POSITION_INCREMENT_GAP = 100;
    /** {@code ignore_above} of the dynamic keyword fields ({@code metadata.*}, {@code inputs.*.keyword}). */
    static final int IGNORE_ABOVE = 256;
    /** The hidden field that lists the fields a record has, as Elasticsearch's {@code _field_names}. */
    static final String FIELD_NAMES = "\u0001field_names";
    private static final String LONG_SUFFIX = "\u0001long";
    private static final String FLOAT_SUFFIX = "\u0001float";

    /** How a field path is indexed. */
    enum Kind {
        /** {@code words}: the rubrix_words analyzer (standard tokenizer, lowercase, English stop words). */
        WORDS,
        /** A text field with the standard analyzer (no stop words). */
        TEXT,
        /** A keyword: one term, as written. */
        KEYWORD,
        /** {@code metadata.*}: strings are keywords (up to 256 characters), numbers long or float, booleans. */
        DYNAMIC_KEYWORD,
        /** {@code inputs.*}: strings are text plus a {@code .keyword} subfield, numbers long or float, booleans. */
        DYNAMIC_TEXT,
        /** {@code inputs.*.keyword}: the keyword subfield of a dynamic text (up to 256 characters). */
        SUBFIELD_KEYWORD,
        BOOLEAN,
        FLOAT,
        /** integer and long fields: the same semantics within an int's range. */
        LONG,
        /** {@code id}: a keyword with a long subfield {@code id.number}. */
        ID,
        /** Date fields: not indexed by the matcher (a query on them matches nothing here). */
        DATE,
        /** Disabled objects and fields left out of the index ({@code explanation}, {@code tokens}). */
        DISABLED,
        /** An object of the mapping: its children are mapped. */
        OBJECT,
        /** Not in the mapping: the records mapping is {@code dynamic: false}, so it is not indexed. */
        NONE;

        boolean mayBeLong() {
            return this == LONG || this == DYNAMIC_KEYWORD || this == DYNAMIC_TEXT;
        }

        boolean mayBeFloat() {
            return this == FLOAT || this == DYNAMIC_KEYWORD || this == DYNAMIC_TEXT;
        }

        /** Whether a query's text can be a term of the field (false for numbers and dates only). */
        boolean hasTerms() {
            return this != FLOAT && this != LONG && this != DATE && this != DISABLED && this != OBJECT
                    && this != NONE;
        }
    }

    private static final Map<String, Kind> FIXED = new HashMap<>();

    static {
        FIXED.put("id", Kind.ID);
        FIXED.put("id.number", Kind.LONG);
        FIXED.put("words", Kind.WORDS);
        FIXED.put("raw_text", Kind.TEXT);
        FIXED.put("text", Kind.TEXT);
        FIXED.put("score", Kind.FLOAT);
        FIXED.put("multi_label", Kind.BOOLEAN);
        FIXED.put("event_timestamp", Kind.DATE);
        FIXED.put("last_updated", Kind.DATE);
        FIXED.put("explanation", Kind.DISABLED);
        FIXED.put("tokens", Kind.DISABLED);
        for (String keyword : new String[] {"status", "predicted", "predicted_as", "annotated_as", "predicted_by",
                "annotated_by"}) {
            FIXED.put(keyword, Kind.KEYWORD);
        }
        for (String labelling : new String[] {"prediction", "annotation"}) {
            FIXED.put(labelling, Kind.OBJECT);
            FIXED.put(labelling + ".agent", Kind.KEYWORD);
            FIXED.put(labelling + ".score", Kind.FLOAT);
            FIXED.put(labelling + ".labels", Kind.OBJECT);
            FIXED.put(labelling + ".labels.class", Kind.KEYWORD);
            FIXED.put(labelling + ".labels.confidence", Kind.FLOAT);
            FIXED.put(labelling + ".entities", Kind.OBJECT);
            FIXED.put(labelling + ".entities.start", Kind.LONG);
            FIXED.put(labelling + ".entities.end", Kind.LONG);
            FIXED.put(labelling + ".entities.label", Kind.KEYWORD);
            FIXED.put(labelling + ".entities.score", Kind.FLOAT);
            FIXED.put(labelling + ".sentences", Kind.OBJECT);
            FIXED.put(labelling + ".sentences.text", Kind.TEXT);
            FIXED.put(labelling + ".sentences.score", Kind.FLOAT);
        }
        FIXED.put("metadata", Kind.OBJECT);
        FIXED.put("inputs", Kind.OBJECT);
        // the team's work (records-team-mapping.json)
        FIXED.put("team", Kind.OBJECT);
        FIXED.put("team.responses", Kind.DISABLED);
        FIXED.put("team.claims", Kind.DISABLED);
        FIXED.put("team.review", Kind.OBJECT);
        FIXED.put("team.review.by", Kind.KEYWORD);
        FIXED.put("team.review.at", Kind.DATE);
        FIXED.put("team.review.pick", Kind.KEYWORD);
        for (String keyword : new String[] {"final_from", "responded_by", "answered_by", "submitted_by",
                "claimed_by", "coincidences", "pairs"}) {
            FIXED.put("team." + keyword, Kind.KEYWORD);
        }
        FIXED.put("team.submitted", Kind.LONG);
        FIXED.put("team.answers", Kind.LONG);
        FIXED.put("team.complete", Kind.BOOLEAN);
        FIXED.put("team.agreed", Kind.BOOLEAN);
        FIXED.put("team.needs_review", Kind.BOOLEAN);
        FIXED.put("team.full_until", Kind.DATE);
    }

    private RecordFields() {
    }

    static Kind kindOf(String path) {
        Kind fixed = FIXED.get(path);
        if (fixed != null) {
            return fixed;
        }
        if (path.startsWith("metadata.")) {
            return Kind.DYNAMIC_KEYWORD;
        }
        if (path.startsWith("inputs.")) {
            return path.endsWith(".keyword") ? Kind.SUBFIELD_KEYWORD : Kind.DYNAMIC_TEXT;
        }
        return Kind.NONE;
    }

    /** The hidden field holding a field's long points. */
    static String longField(String field) {
        return field + LONG_SUFFIX;
    }

    /** The hidden field holding a field's float points. */
    static String floatField(String field) {
        return field + FLOAT_SUFFIX;
    }

    /** {@code rubrix_words}: standard tokenizer, lowercase, the {@code _english_} stop words. */
    static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream tokens = new StopFilter(new LowerCaseFilter(source), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(source, tokens);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return POSITION_INCREMENT_GAP;
        }
    };

    /** Elasticsearch's {@code standard} analyzer: standard tokenizer and lowercase, no stop words. */
    static final Analyzer STANDARD = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return POSITION_INCREMENT_GAP;
        }
    };

    /** Keywords: the whole value is one term, not normalized (no normalizer in the mapping). */
    static final Analyzer KEYWORD = new KeywordAnalyzer();

    /** The analyzer of each field, by the mapping: what the query parser analyzes a field's query text with. */
    static final Analyzer BY_FIELD = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return analyzerOf(kindOf(fieldName));
        }
    };

    static Analyzer analyzerOf(Kind kind) {
        return switch (kind) {
            case WORDS -> WORDS;
            case TEXT, DYNAMIC_TEXT -> STANDARD;
            default -> KEYWORD;
        };
    }
}
