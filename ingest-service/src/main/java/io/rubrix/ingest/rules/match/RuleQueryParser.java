package io.rubrix.ingest.rules.match;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.FloatPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

import io.rubrix.ingest.rules.match.RecordFields.Kind;

/**
 * Lucene's classic query parser made to build what Elasticsearch's {@code query_string} builds over the records
 * mapping ({@code default_field: words}, {@code default_operator: AND}, {@code lenient: true}), as its
 * {@code QueryStringQueryParser} does on top of the same parser:
 * <ul>
 * <li>each field's text analyzed by the field's analyzer ({@link RecordFields#BY_FIELD});</li>
 * <li>numbers as points: a term or a range on a field that is (or, for {@code metadata.*} and {@code inputs.*},
 * may be) numeric also asks the field's long and float points, with Elasticsearch's rounding of bounds; a text that
 * is no number of the field's type asks nothing there (lenient);</li>
 * <li>{@code field:>v}, {@code >=}, {@code <}, {@code <=} as one-sided ranges; {@code *} as an open bound;</li>
 * <li>{@code word~} with Elasticsearch's {@code AUTO} fuzziness (0 edits up to 2 characters, 1 up to 5, then 2);</li>
 * <li>leading wildcards allowed; regular expressions not normalized (not lowercased), as Elasticsearch's;</li>
 * <li>{@code _exists_:field} and {@code field:*} as "has the field";</li>
 * <li>a group of only negative clauses ({@code NOT spam}) matches every record without them, not none.</li>
 * </ul>
 * Not thread-safe (Lucene's parser is not): one per compilation. It records the fields its queries read, so that
 * a record indexes only those.
 */
final class RuleQueryParser extends QueryParser {

    static final String DEFAULT_FIELD = "words";
    private static final String EXISTS_FIELD = "_exists_";

    private final Set<String> fields;
    private boolean existence;

    RuleQueryParser(Set<String> fields) {
        super(DEFAULT_FIELD, RecordFields.BY_FIELD);
        this.fields = fields;
        setDefaultOperator(Operator.AND);
        setAllowLeadingWildcard(true);
        setEnablePositionIncrements(true);
        setAutoGeneratePhraseQueries(false);
        setSplitOnWhitespace(true);
    }

    /** Whether a query parsed so far asks whether a record has a field ({@code _exists_:x}, {@code x:*}). */
    boolean asksExistence() {
        return existence;
    }

    @Override
    public Query parse(String query) throws ParseException {
        if (query.trim().isEmpty()) {
            return new MatchNoDocsQuery("no terms");
        }
        return super.parse(query);
    }

    private void reads(String field) {
        fields.add(field);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (EXISTS_FIELD.equals(field)) {
            return exists(queryText);
        }
        if (quoted) {
            return getFieldQuery(field, queryText, getPhraseSlop());
        }
        if (field != null && queryText.length() > 1) {
            if (queryText.charAt(0) == '>') {
                if (queryText.length() > 2 && queryText.charAt(1) == '=') {
                    return getRangeQuery(field, queryText.substring(2), null, true, true);
                }
                return getRangeQuery(field, queryText.substring(1), null, false, true);
            } else if (queryText.charAt(0) == '<') {
                if (queryText.length() > 2 && queryText.charAt(1) == '=') {
                    return getRangeQuery(field, null, queryText.substring(2), true, true);
                }
                return getRangeQuery(field, null, queryText.substring(1), true, false);
            }
        }
        reads(field);
        Kind kind = RecordFields.kindOf(field);
        Query terms = kind.hasTerms() ? newFieldQuery(getAnalyzer(), field, queryText, false) : null;
        return withNumbers(field, kind, terms, queryText);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        if (EXISTS_FIELD.equals(field)) {
            return exists(queryText);
        }
        reads(field);
        Kind kind = RecordFields.kindOf(field);
        Query terms = kind.hasTerms() ? withSlop(newFieldQuery(getAnalyzer(), field, queryText, true), slop) : null;
        return withNumbers(field, kind, terms, queryText);
    }

    private static Query withSlop(Query query, int slop) {
        if (query instanceof PhraseQuery phrase && slop != phrase.getSlop()) {
            PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(slop);
            Term[] terms = phrase.getTerms();
            int[] positions = phrase.getPositions();
            for (int i = 0; i < terms.length; i++) {
                builder.add(terms[i], positions[i]);
            }
            return builder.build();
        }
        if (query instanceof MultiPhraseQuery phrase && slop != phrase.getSlop()) {
            return new MultiPhraseQuery.Builder(phrase).setSlop(slop).build();
        }
        return query;
    }

    /** {@code terms} or, on a field that can hold numbers, the field's points equal to {@code text}. */
    private static Query withNumbers(String field, Kind kind, Query terms, String text) {
        List<Query> any = new ArrayList<>(3);
        if (terms != null) {
            any.add(terms);
        }
        if (kind.mayBeLong()) {
            Long value = exactLong(text);
            if (value != null) {
                any.add(LongPoint.newExactQuery(RecordFields.longField(field), value));
            }
        }
        if (kind.mayBeFloat()) {
            Float value = parseFloat(text);
            if (value != null) {
                any.add(FloatPoint.newExactQuery(RecordFields.floatField(field), value));
            }
        }
        if (any.isEmpty()) {
            // a text of stop words only is no clause (null), as in Elasticsearch; a text that is no number of a
            // numeric field matches nothing (lenient)
            return kind.hasTerms() ? null : new MatchNoDocsQuery("not a value of the field");
        }
        return anyOf(any);
    }

    private static Query anyOf(List<Query> any) {
        if (any.isEmpty()) {
            return new MatchNoDocsQuery("not a value of the field");
        }
        if (any.size() == 1) {
            return any.get(0);
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        any.forEach(query -> builder.add(query, BooleanClause.Occur.SHOULD));
        return builder.build();
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
            boolean endInclusive) throws ParseException {
        reads(field);
        String lower = "*".equals(part1) ? null : part1;
        String upper = "*".equals(part2) ? null : part2;
        Kind kind = RecordFields.kindOf(field);
        List<Query> any = new ArrayList<>(3);
        if (kind.hasTerms()) {
            any.add(new TermRangeQuery(field, lower == null ? null : getAnalyzer().normalize(field, lower),
                    upper == null ? null : getAnalyzer().normalize(field, upper), startInclusive, endInclusive));
        }
        if (kind.mayBeLong()) {
            Query longs = longRange(RecordFields.longField(field), lower, upper, startInclusive, endInclusive);
            if (longs != null) {
                any.add(longs);
            }
        }
        if (kind.mayBeFloat()) {
            Query floats = floatRange(RecordFields.floatField(field), lower, upper, startInclusive, endInclusive);
            if (floats != null) {
                any.add(floats);
            }
        }
        return anyOf(any);
    }

    /** As Elasticsearch's long fields: a decimal bound is rounded inwards; an unparsable one matches nothing. */
    private static Query longRange(String field, String lower, String upper, boolean includeLower,
            boolean includeUpper) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        try {
            if (lower != null) {
                BigDecimal bound = new BigDecimal(lower);
                BigDecimal first = includeLower ? bound.setScale(0, RoundingMode.CEILING)
                        : bound.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
                if (first.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    return null;
                }
                from = first.max(BigDecimal.valueOf(Long.MIN_VALUE)).longValueExact();
            }
            if (upper != null) {
                BigDecimal bound = new BigDecimal(upper);
                BigDecimal last = includeUpper ? bound.setScale(0, RoundingMode.FLOOR)
                        : bound.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
                if (last.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                    return null;
                }
                to = last.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return null;
        }
        return LongPoint.newRangeQuery(field, from, to);
    }

    /** As Elasticsearch's float fields: bounds parsed as floats, an exclusive one moved to the next float. */
    private static Query floatRange(String field, String lower, String upper, boolean includeLower,
            boolean includeUpper) {
        float from = Float.NEGATIVE_INFINITY;
        float to = Float.POSITIVE_INFINITY;
        if (lower != null) {
            Float bound = parseFloat(lower);
            if (bound == null) {
                return null;
            }
            from = includeLower ? bound : FloatPoint.nextUp(bound);
        }
        if (upper != null) {
            Float bound = parseFloat(upper);
            if (bound == null) {
                return null;
            }
            to = includeUpper ? bound : FloatPoint.nextDown(bound);
        }
        return FloatPoint.newRangeQuery(field, from, to);
    }

    /** The long {@code text} is, as a long field's term query reads it: none with a decimal part or out of range. */
    static Long exactLong(String text) {
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException notALong) {
            return null;
        }
    }

    static Float parseFloat(String text) {
        try {
            float value = Float.parseFloat(text);
            return Float.isFinite(value) ? value : null;
        } catch (NumberFormatException notAFloat) {
            return null;
        }
    }

    /** Elasticsearch's {@code AUTO} fuzziness for a bare {@code ~}, the edits given otherwise (2 at most). */
    @Override
    protected float getFuzzyDistance(Token fuzzyToken, String termStr) {
        if (fuzzyToken.image.length() == 1) {
            int length = termStr.codePointCount(0, termStr.length());
            return length < 3 ? 0 : length < 6 ? 1 : 2;
        }
        try {
            float edits = Float.parseFloat(fuzzyToken.image.substring(1));
            return Math.min(2, (int) edits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        reads(field);
        if (!RecordFields.kindOf(field).hasTerms()) {
            return new MatchNoDocsQuery("no terms in a numeric field");
        }
        return super.getFuzzyQuery(field, termStr, minSimilarity);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        reads(field);
        if (!RecordFields.kindOf(field).hasTerms()) {
            return new MatchNoDocsQuery("no terms in a numeric field");
        }
        return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if ("*".equals(termStr)) {
            if ("*".equals(field)) {
                return new MatchAllDocsQuery();
            }
            return exists(field);
        }
        reads(field);
        if (!RecordFields.kindOf(field).hasTerms()) {
            return new MatchNoDocsQuery("no terms in a numeric field");
        }
        return super.getWildcardQuery(field, termStr);
    }

    /** A regular expression as written: Elasticsearch does not normalize it (Lucene's parser would lowercase it). */
    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        reads(field);
        if (!RecordFields.kindOf(field).hasTerms()) {
            return new MatchNoDocsQuery("no terms in a numeric field");
        }
        return new RegexpQuery(new Term(field, termStr));
    }

    /** As Elasticsearch's {@code fixNegativeQueryIfNeeded}: only negative clauses match all records but those. */
    @Override
    protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
        Query query = super.getBooleanQuery(clauses);
        if (query instanceof BooleanQuery bool && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(BooleanClause::isProhibited)) {
            BooleanQuery.Builder fixed = new BooleanQuery.Builder();
            bool.clauses().forEach(fixed::add);
            fixed.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
            return fixed.build();
        }
        return query;
    }

    private Query exists(String field) {
        existence = true;
        return new TermQuery(new Term(RecordFields.FIELD_NAMES, new BytesRef(field)));
    }
}
