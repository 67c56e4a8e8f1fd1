package io.rubrix.ingest.rules.match;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Lucene makes a token stream's attributes by name ({@code Class.forName(<interface> + "Impl")}) and their
 * constructors through method handles: a native image must keep every implementation the matcher's analyzers and
 * queries can ask for (the JVM finds them anyway).
 */
@RegisterForReflection(targets = {
        org.apache.lucene.analysis.tokenattributes.BytesTermAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.CharTermAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.FlagsAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.KeywordAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.OffsetAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.PackedTokenAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.PayloadAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.PositionIncrementAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.PositionLengthAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.SentenceAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.TermFrequencyAttributeImpl.class,
        org.apache.lucene.analysis.tokenattributes.TypeAttributeImpl.class,
        org.apache.lucene.search.BoostAttributeImpl.class,
        org.apache.lucene.search.MaxNonCompetitiveBoostAttributeImpl.class})
final class LuceneReflection {

    private LuceneReflection() {
    }
}
