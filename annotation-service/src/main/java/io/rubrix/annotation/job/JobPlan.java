package io.rubrix.annotation.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.annotation.label.LabelChange;

/**
 * What a job selected by a query does, kept with the job (field {@code plan}, not indexed) so that another replica
 * can take the job up where it got to when the replica running it stops (docs/adr/0016-fleet-and-traces.md).
 *
 * @param change the label change; null for a deletion
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record JobPlan(
        @JsonProperty("index") String index,
        @JsonProperty("query") JsonNode query,
        @JsonProperty("change") LabelChange change,
        @JsonProperty("schema") List<String> schema,
        @JsonProperty("agent") String agent) {
}
