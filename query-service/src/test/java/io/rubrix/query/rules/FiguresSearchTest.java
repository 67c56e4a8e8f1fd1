package io.rubrix.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.rules.LabelingRule;

/** The figures' one search and how its answer reads, without Elasticsearch. */
@Tag("fast")
class FiguresSearchTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final FiguresSearch search = new FiguresSearch(json);

    private static LabelingRule rule(String name, String query, String... labels) {
        return new LabelingRule(name, query, List.of(labels), null, "ana", null, null);
    }

    /**
     * Rules of several labels: a conflicting rule names a label the rule does not ({x} against {x, y} conflicts, {x,
     * y} against {x} does not); the set's conflicts group the rules by label set, so that a rule of two labels alone
     * is no conflict.
     */
    @Test
    void conflictsAreRulesNamingALabelTheRuleDoesNotName() {
        LabelingRule both = rule("both", "alpha", "x", "y");
        LabelingRule x = rule("x", "beta", "x");
        LabelingRule alsoX = rule("also-x", "gamma", "x");
        LabelingRule z = rule("z", "delta", "z");
        List<LabelingRule> set = List.of(both, x, alsoX, z);
        JsonNode body = search.body(List.of(new FiguresSearch.Measured(both, List.of(x, alsoX, z)),
                new FiguresSearch.Measured(x, List.of(both, alsoX, z))), set);

        assertThat(body.path("size").asInt()).isZero();
        JsonNode aggs = body.path("aggs");
        assertThat(aggs.at("/rule_0/filter/query_string/query").asText()).isEqualTo("alpha");
        assertThat(aggs.at("/rule_0/filter/query_string/default_field").asText()).isEqualTo("words");
        assertThat(aggs.at("/rule_0/aggs/annotated/aggs/correct/filter/terms/annotated_as").toString())
                .isEqualTo("[\"x\",\"y\"]");
        assertThat(aggs.at("/rule_0/aggs/overlaps/filter/bool/should").findValuesAsText("query"))
                .containsExactly("beta", "gamma", "delta");
        assertThat(aggs.at("/rule_0/aggs/conflicts/filter/bool/should").findValuesAsText("query"))
                .containsExactly("delta");
        assertThat(aggs.at("/rule_1/aggs/conflicts/filter/bool/should").findValuesAsText("query"))
                .containsExactly("alpha", "delta");
        assertThat(aggs.at("/matched/filter/bool/minimum_should_match").asInt()).isEqualTo(1);
        assertThat(aggs.at("/overlaps/filter/bool/minimum_should_match").asInt()).isEqualTo(2);
        JsonNode groups = aggs.at("/conflicts/filter/bool/should");
        assertThat(groups).hasSize(3); // {x, y}; {x} (beta or gamma); {z}
        assertThat(groups.get(1).at("/bool/should").findValuesAsText("query")).containsExactly("beta", "gamma");
        assertThat(aggs.at("/conflicts/filter/bool/minimum_should_match").asInt()).isEqualTo(2);
    }

    @Test
    void aLoneRuleHasNoOverlapsAndNoRulesMatchNothing() {
        LabelingRule only = rule("only", "alpha", "x");
        JsonNode lone = search.body(List.of(new FiguresSearch.Measured(only, List.of())), List.of(only));
        assertThat(lone.path("aggs").path("rule_0").path("aggs").has("overlaps")).isFalse();
        assertThat(lone.path("aggs").path("rule_0").path("aggs").has("conflicts")).isFalse();
        assertThat(lone.path("aggs").has("overlaps")).isFalse();
        assertThat(lone.path("aggs").has("conflicts")).isFalse();
        // a bool of no should clause would match every record: without rules there is no such filter
        JsonNode none = search.body(List.of(), List.of());
        assertThat(none.path("aggs").fieldNames()).toIterable().containsExactly("annotated");
    }

    @Test
    void figuresAndTotalsReadFromTheAnswer() throws Exception {
        JsonNode answer = json.readTree("""
                {"hits": {"total": {"value": 20}}, "aggregations": {
                  "annotated": {"doc_count": 8},
                  "rule_0": {"doc_count": 6, "annotated": {"doc_count": 4, "correct": {"doc_count": 3}},
                             "overlaps": {"doc_count": 2}, "conflicts": {"doc_count": 1}},
                  "rule_1": {"doc_count": 2, "annotated": {"doc_count": 0, "correct": {"doc_count": 0}}},
                  "matched": {"doc_count": 7, "annotated": {"doc_count": 4}},
                  "overlaps": {"doc_count": 1}, "conflicts": {"doc_count": 1}}}""");
        RuleFigures first = FiguresSearch.figures(answer, 0, rule("a", "q", "spam"));
        assertThat(first).isEqualTo(new RuleFigures(20, 8, 6, 0.3, 4, 0.5, 3, 1, 0.75, 2, 1));
        RuleFigures second = FiguresSearch.figures(answer, 1, rule("b", "q", "ham"));
        assertThat(second.precision()).isNull();
        assertThat(second.overlaps()).isZero();
        RuleFigures.Totals totals = FiguresSearch.totals(answer, List.of(first, second));
        assertThat(totals).isEqualTo(new RuleFigures.Totals(2, 20, 8, 7, 0.35, 4, 0.5, 3, 1, 0.75, 1, 1));
        RuleFigures.Totals empty = FiguresSearch.totals(json.createObjectNode(), List.of());
        assertThat(empty).isEqualTo(new RuleFigures.Totals(0, 0, 0, 0, 0.0, 0, 0.0, 0, 0, null, 0, 0));
    }

    @Test
    void aSetOfRulesAllOfOneLabelHasNoConflictFilter() {
        LabelingRule prize = rule("prize", "prize", "spam");
        LabelingRule winner = rule("winner", "winner", "spam");
        JsonNode body = search.body(List.of(new FiguresSearch.Measured(prize, List.of(winner)),
                new FiguresSearch.Measured(winner, List.of(prize))), List.of(prize, winner));

        assertThat(body.at("/aggs/rules/aggs/overlaps/filter/bool/minimum_should_match").asInt()).isEqualTo(2);
        assertThat(body.at("/aggs/rules/aggs").has("conflicts")).isFalse();
        assertThat(body.path("aggs").has("conflicts")).isFalse();
    }
}
