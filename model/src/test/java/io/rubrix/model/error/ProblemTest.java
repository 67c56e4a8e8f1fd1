package io.rubrix.model.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.json.RubrixJson;

class ProblemTest {

    @Test
    void writesTheStandardMembersFieldErrorsAndExtensionsFlat() throws Exception {
        Problem problem = Problem.of(409, "Conflict", "stale version")
                .withErrors(List.of(FieldError.of("version", "is stale")))
                .with("current", java.util.Map.of("id", "r1"));

        assertThat(RubrixJson.newMapper().writeValueAsString(problem)).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"stale version\","
                        + "\"errors\":[{\"field\":\"version\",\"reason\":\"is stale\"}],\"current\":{\"id\":\"r1\"}}");
    }

    @Test
    void aBatchErrorSaysWhichRecord() throws Exception {
        FieldError error = FieldError.inBatch(3, "r9", new io.rubrix.model.validation.Violation("inputs", "must have at least one input"));

        assertThat(RubrixJson.newMapper().writeValueAsString(error))
                .isEqualTo("{\"index\":3,\"id\":\"r9\",\"field\":\"inputs\",\"reason\":\"must have at least one input\"}");
    }
}
