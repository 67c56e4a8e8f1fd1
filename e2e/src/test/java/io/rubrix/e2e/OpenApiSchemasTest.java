package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema checker finds what the replay relies on it to find (no server needed). */
class OpenApiSchemasTest {

    private final OpenApiSchemas spec = OpenApiSchemas.rubrixReference();

    @Test
    void findsMissingFieldsWrongTypesPatternsEnumsAndDates() {
        assertThat(spec.violations(Stack.read("{\"name\":\"news\"}"), spec.schema("Dataset")))
                .containsExactly("$: required task is missing");
        assertThat(spec.violations(Stack.read("{\"name\":\"Bad Name\",\"task\":\"Summaries\",\"created_at\":\"yesterday\"}"),
                spec.schema("Dataset"))).hasSize(3);
        assertThat(spec.violations(Stack.read("{\"dataset\":\"news\",\"processed\":\"3\"}"), spec.schema("BulkResponse")))
                .containsExactly("$.processed: not an integer: \"3\"");
        assertThat(spec.violations(Stack.read("{\"inputs\":{\"text\":\"hi\"},\"prediction\":{\"labels\":[{\"class\":\"A\","
                + "\"confidence\":\"high\"}]}}"), spec.schema("TextClassificationRecord"))).isNotEmpty();
        assertThat(spec.violations(Stack.read("{\"inputs\":{\"text\":\"hi\"},\"event_timestamp\":\"2021-05-10T10:20:30.123456\"}"),
                spec.schema("CreationTextClassificationRecord"))).isEmpty();
    }
}
