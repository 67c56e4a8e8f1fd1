package io.rubrix.annotation.rules;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code PUT .../labeling/rules/{rule}}: what the rule matches and votes for. */
@RegisterForReflection
public record RuleRequest(
        @JsonProperty("query") String query,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("description") String description) {
}
