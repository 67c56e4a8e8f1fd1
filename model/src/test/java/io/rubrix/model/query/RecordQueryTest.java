package io.rubrix.model.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.validation.Violation;

class RecordQueryTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void anEmptyQueryMatchesEverything() throws Exception {
        assertThat(json.readValue("{}", RecordQuery.class).toElasticsearch(Task.TextClassification, json))
                .hasToString("{\"match_all\":{}}");
    }

    @Test
    void everyConditionIsAndedAsAFilter() throws Exception {
        RecordQuery query = json.readValue("{\"ids\":[\"a\"],\"query_text\":\"stocks AND rally\",\"metadata\":"
                + "{\"split\":\"train\",\"source.feed\":[\"bbc\",\"rss\"]},\"predicted_as\":[\"Business\"],"
                + "\"annotated_as\":[\"World\"],\"predicted_by\":[\"m\"],\"annotated_by\":[\"ana\"],"
                + "\"status\":[\"Validated\"],\"predicted\":\"ko\",\"confidence\":{\"from\":0.2,\"to\":0.9}}",
                RecordQuery.class);

        assertThat(query.violations()).isEmpty();
        assertThat(query.toElasticsearch(Task.TextClassification, json)).hasToString("{\"bool\":{"
                + "\"must\":[{\"query_string\":{\"query\":\"stocks AND rally\",\"default_field\":\"words\","
                + "\"default_operator\":\"AND\",\"lenient\":true}}],"
                + "\"filter\":[{\"terms\":{\"id\":[\"a\"]}},{\"terms\":{\"predicted_as\":[\"Business\"]}},"
                + "{\"terms\":{\"annotated_as\":[\"World\"]}},{\"terms\":{\"predicted_by\":[\"m\"]}},"
                + "{\"terms\":{\"annotated_by\":[\"ana\"]}},{\"terms\":{\"status\":[\"Validated\"]}},"
                + "{\"term\":{\"predicted\":\"ko\"}},{\"terms\":{\"metadata.split\":[\"train\"]}},"
                + "{\"terms\":{\"metadata.source.feed\":[\"bbc\",\"rss\"]}},"
                + "{\"range\":{\"score\":{\"gte\":0.2,\"lte\":0.9}}}]}}");
    }

    @Test
    void aPerInputQuerySearchesThatInputAndRubrixAliasesAreRead() throws Exception {
        RecordQuery query = json.readValue("{\"query_inputs\":{\"title\":\"cup\"},\"score\":{\"from\":0.5}}",
                RecordQuery.class);

        assertThat(query.toElasticsearch(Task.TextClassification, json).toString())
                .contains("\"default_field\":\"inputs.title\"").contains("{\"range\":{\"score\":{\"gte\":0.5}}}");
        assertThat(query.toElasticsearch(Task.TokenClassification, json).toString())
                .contains("\"default_field\":\"raw_text\"");
    }

    @Test
    void badConditionsNameTheirField() throws Exception {
        RecordQuery query = json.readValue("{\"query_text\":{\"title\":3},\"metadata\":{\"m\":{\"x\":1}},"
                + "\"confidence\":{\"from\":0.9,\"to\":0.1}}", RecordQuery.class);

        assertThat(query.violations()).containsExactly(
                new Violation("query_text.title", "must be a text"),
                new Violation("metadata.m", "'x' is not one of gte, gt, lte, lt"),
                new Violation("confidence", "from (0.9) is above to (0.1)"));
    }

    @Test
    void aMetadataRangeFiltersANumericFieldWithItsBoundsAsGivenBesideRubrixValues() throws Exception {
        RecordQuery query = json.readValue("{\"metadata\":{\"price\":{\"gte\":1.5,\"lt\":10},\"pages\":{\"gt\":3},"
                + "\"split\":[\"train\"]}}", RecordQuery.class);

        assertThat(query.violations()).isEmpty();
        assertThat(query.metadataRangeFields()).containsExactly("price", "pages");
        assertThat(query.toElasticsearch(Task.TextClassification, json)).hasToString("{\"bool\":{\"filter\":["
                + "{\"range\":{\"metadata.price\":{\"gte\":1.5,\"lt\":10}}},"
                + "{\"range\":{\"metadata.pages\":{\"gt\":3}}},"
                + "{\"terms\":{\"metadata.split\":[\"train\"]}}]}}");
    }

    @Test
    void aBadMetadataRangeNamesTheFieldAndSaysWhy() throws Exception {
        assertThat(violations("{\"price\":{\"gte\":\"cheap\"}}"))
                .containsExactly(new Violation("metadata.price", "gte must be a number, not \"cheap\""));
        assertThat(violations("{\"price\":{\"from\":1}}"))
                .containsExactly(new Violation("metadata.price", "'from' is not one of gte, gt, lte, lt"));
        assertThat(violations("{\"price\":{}}"))
                .containsExactly(new Violation("metadata.price", "a range needs a bound: gte, gt, lte or lt"));
        assertThat(violations("{\"price\":{\"lte\":null}}"))
                .containsExactly(new Violation("metadata.price", "lte must be a number, not null"));
        assertThat(violations("{\"price\":{\"gte\":1,\"gt\":2}}"))
                .containsExactly(new Violation("metadata.price", "gte and gt both bound it from below: give one"));
        assertThat(violations("{\"price\":{\"gt\":10,\"lte\":2.5}}"))
                .containsExactly(new Violation("metadata.price", "the lower bound (10) is above the upper bound (2.5)"));
        assertThat(violations("{\"price\":{\"gte\":2,\"lte\":2}}")).as("one value").isEmpty();
        assertThat(violations("{\"length\":{\"gte\":99999999999999999999}}"))
                .containsExactly(new Violation("metadata.length", "gte 99999999999999999999 is a whole number beyond what"
                        + " a numeric field holds (-9223372036854775808 to 9223372036854775807)"));
        assertThat(violations("{\"length\":{\"lt\":9223372036854775807,\"gte\":-9223372036854775808}}"))
                .as("the ends of a long").isEmpty();
        assertThat(violations("{\"length\":{\"lte\":1e400}}"))
                .containsExactly(new Violation("metadata.length", "lte is beyond what a number holds (about 1.8e308)"));
        assertThat(violations("{\"price\":null}"))
                .containsExactly(new Violation("metadata.price", "must be a value, a list of values or a range"));
    }

    @Test
    void aRangeIsLeftOutOfItsOwnFacetsCountsLikeAnyMetadataFilter() throws Exception {
        RecordQuery query = json.readValue("{\"status\":[\"Validated\"],\"metadata\":{\"price\":{\"lt\":10}}}",
                RecordQuery.class);

        assertThat(query.facetFiltersExcept("metadata.price", json).toString()).doesNotContain("price").contains("Validated");
        assertThat(query.facetFiltersExcept("status", json).toString()).contains("{\"range\":{\"metadata.price\":{\"lt\":10}}}")
                .doesNotContain("Validated");
    }

    private java.util.List<Violation> violations(String metadata) throws Exception {
        return json.readValue("{\"metadata\":" + metadata + "}", RecordQuery.class).violations();
    }
}
