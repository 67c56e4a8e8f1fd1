package io.rubrix.query.rules;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.validation.Violation;

/**
 * A rule as a person types it, not saved: its query and labels. {@code name} (optional): the saved rule it is an edit
 * of, which its overlaps and conflicts then leave out (a rule does not overlap its own older version).
 */
@RegisterForReflection
public record RuleDraft(
        @JsonProperty("name") String name,
        @JsonProperty("query") String query,
        @JsonProperty("labels") List<String> labels) {

    /** The draft as a rule, or a 400 naming each field that is wrong (the rules a saved rule's query and labels follow). */
    public LabelingRule requireValid() {
        LabelingRule rule = new LabelingRule(name == null ? "draft" : name, query, labels, null, null, null, null);
        List<Violation> violations = rule.violations().stream()
                .filter(violation -> !violation.field().equals("name")).toList();
        ApiException.requireNone(violations);
        return rule;
    }
}
