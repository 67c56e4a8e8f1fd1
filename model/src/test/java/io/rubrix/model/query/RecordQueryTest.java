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
                new Violation("metadata.m", "must be a value or a list of values"),
                new Violation("confidence", "from (0.9) is above to (0.1)"));
    }
}
