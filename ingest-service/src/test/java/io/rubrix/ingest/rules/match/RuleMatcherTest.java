package io.rubrix.ingest.rules.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.index.RecordDocument;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.rules.LabelingRule;

/** The matcher's API, its refusals, its threads and its cost (printed, not asserted). */
class RuleMatcherTest {

    private static final ObjectMapper JSON = RubrixJson.newMapper();

    private static LabelingRule rule(String name, String query) {
        return new LabelingRule(name, query, List.of("spam"), null, null, null, null);
    }

    private static List<JsonNode> documents() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        for (TaskRecord record : RuleMatcherAgreementTest.textRecords()) {
            documents.add(JSON.readTree(RecordDocument.json(JSON, record.stampedAt(Instant.now()))));
        }
        return documents;
    }

    private static final List<LabelingRule> TEN = List.of(
            rule("winner", "winner"), rule("free-prize", "\"free prize\""), rule("money", "money OR cash"),
            rule("prefix", "priz*"), rule("fuzzy", "prize~"), rule("subject", "inputs.subject:winner"),
            rule("web", "metadata.source:web AND NOT meeting"), rule("big", "metadata.size:[50 TO *]"),
            rule("confident", "score:>0.5 AND predicted_as:spam"), rule("cheap", "(cheap OR free) AND (prize OR hotels)"));

    @Test
    void theWordsEachRuleMatchedAreMarkedWithTheirOffsets() {
        RuleMatcher matcher = RuleMatcher.compile(List.of(rule("city", "Paris OR Rome"),
                rule("us", "\"New York\" OR Boston"), rule("both", "Paris AND NOT Berlin"), rule("none", "Tokyo")));

        List<List<int[]>> marks = matcher.marks("Ana flew from New York to Paris, then Paris again");

        assertThat(marks.stream().map(found -> found.stream().map(m -> m[0] + "-" + m[1]).toList()).toList())
                .containsExactly(List.of("26-31", "38-43"), List.of("14-22"), List.of("26-31", "38-43"), List.of());
    }

    @Test
    void wordsPhrasesAndBooleansAreDecidedWithoutTheMemoryIndexOtherShapesWithIt() {
        for (String query : List.of("prize", "prize OR winner", "\"click here\"", "free AND NOT meeting",
                "(a OR b) AND c", "NOT meeting", "the")) {
            assertThat(RuleMatcher.compile(List.of(rule("r", query))).decidedOnWords()).as(query).isTrue();
        }
        for (String query : List.of("priz*", "prize~", "\"click here\"~2", "inputs.subject:prize", "score:>0.5",
                "/pri[sz]e/")) {
            assertThat(RuleMatcher.compile(List.of(rule("r", query))).decidedOnWords()).as(query).isFalse();
        }
    }

    @Test
    void rulesOnTheWordsAloneNeedOnlyTheWordsAndMatchTheSameAsOnTheWholeDocument() {
        RuleMatcher words = RuleMatcher.compile(List.of(rule("prize", "prize OR winner"),
                rule("phrase", "\"click here\""), rule("not", "free AND NOT meeting")));
        RuleMatcher named = RuleMatcher.compile(List.of(rule("subject", "inputs.subject:prize")));
        RuleMatcher exists = RuleMatcher.compile(List.of(rule("any", "_exists_:annotated_as")));

        assertThat(words.readsWordsOnly()).isTrue();
        assertThat(named.readsWordsOnly()).isFalse();
        assertThat(exists.readsWordsOnly()).isFalse();
        com.fasterxml.jackson.databind.node.ObjectNode whole = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("id", "r1").put("words", "Click here: a free prize!")
                .put("status", "Default");
        com.fasterxml.jackson.databind.node.ObjectNode alone = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("words", "Click here: a free prize!");
        assertThat(words.matchingNames(alone)).containsExactly("prize", "phrase", "not")
                .isEqualTo(words.matchingNames(whole));
    }

    @Test
    void theRulesThatMatchAreGivenByIndexAndName() throws Exception {
        RuleMatcher matcher = RuleMatcher.compile(TEN);
        JsonNode first = documents().get(0); // "You are a WINNER" / "Claim your free prize now!", source web
        assertThat(matcher.matchingNames(first)).containsExactly("winner", "free-prize", "prefix", "fuzzy",
                "subject", "web", "cheap");
        assertThat(matcher.matches(first)).containsExactly(0, 1, 3, 4, 5, 6, 9);
        assertThat(matcher.rules()).isEqualTo(TEN);
        assertThat(RuleMatcher.compile(List.of()).matches(first)).isEmpty();
    }

    @Test
    void aQueryLuceneCannotParseIsRefusedWhenCompilingNamingTheRule() {
        assertThatThrownBy(() -> RuleMatcher.compile(List.of(rule("ok", "winner"), rule("broken", "winner AND (prize"))))
                .isInstanceOf(RuleQueryException.class)
                .hasMessageStartingWith("rule 'broken': query [winner AND (prize] cannot be parsed: ")
                .satisfies(e -> assertThat(((RuleQueryException) e).rule()).isEqualTo("broken"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> RuleMatcher.compile(List.of(rule("slash", "/unclosed"))))
                .isInstanceOf(RuleQueryException.class).hasMessageContaining("rule 'slash'");
    }

    @Test
    void theStopWordsAreElasticsearchEnglishOnes() {
        // Elasticsearch's "_english_" is Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET (33 words)
        assertThat(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET).hasSize(33);
        assertThat(RuleMatcher.parse("the").toString()).isEmpty();
        assertThat(RuleMatcher.parse("The Winner").toString()).isEqualTo("+words:winner");
    }

    @Test
    void manyThreadsMatchAsOne() throws Exception {
        RuleMatcher matcher = RuleMatcher.compile(TEN);
        List<JsonNode> documents = documents();
        List<String> expected = new ArrayList<>();
        for (JsonNode document : documents) {
            expected.add(matcher.matchingNames(document).toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                runs.add(pool.submit(() -> {
                    List<String> got = new ArrayList<>();
                    for (JsonNode document : documents) {
                        got.add(matcher.matchingNames(document).toString());
                    }
                    return got;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A rough cost per record with 10 rules, printed: not an assertion (machines differ). */
    @Test
    void costPerRecordWithTenRules() throws Exception {
        RuleMatcher matcher = RuleMatcher.compile(TEN);
        List<JsonNode> documents = documents();
        long sink = 0;
        for (int round = 0; round < 3_000; round++) { // warm-up
            sink += matcher.matches(documents.get(round % documents.size())).length;
        }
        int records = 60_000;
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            sink += matcher.matches(documents.get(i % documents.size())).length;
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / records;
        RuleMatcher words = RuleMatcher.compile(TEN.subList(0, 5));
        start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            sink += words.matches(documents.get(i % documents.size())).length;
        }
        double wordsMicros = (System.nanoTime() - start) / 1_000.0 / records;
        RuleMatcher plain = RuleMatcher.compile(List.of(TEN.get(0), TEN.get(1), TEN.get(2), TEN.get(9)));
        assertThat(plain.decidedOnWords()).isTrue();
        start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            sink += plain.matches(documents.get(i % documents.size())).length;
        }
        double plainMicros = (System.nanoTime() - start) / 1_000.0 / records;
        System.out.printf("RuleMatcher cost: %.1f µs per record with 10 rules (%.1f µs with the first 5), %.1f µs with "
                + "4 rules of words, phrases and booleans (no memory index); %d matches%n", micros, wordsMicros,
                plainMicros, sink);
        StringBuilder each = new StringBuilder("RuleMatcher cost per rule alone (µs per record):");
        for (LabelingRule rule : TEN) {
            RuleMatcher alone = RuleMatcher.compile(List.of(rule));
            for (int i = 0; i < 3_000; i++) {
                sink += alone.matches(documents.get(i % documents.size())).length;
            }
            start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                sink += alone.matches(documents.get(i % documents.size())).length;
            }
            each.append(String.format(" [%s] %.1f", rule.query(), (System.nanoTime() - start) / 1_000.0 / 20_000));
        }
        System.out.println(each);
        assertThat(sink).isPositive();
    }
}
