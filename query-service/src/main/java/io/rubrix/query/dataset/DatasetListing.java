package io.rubrix.query.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.common.store.RecordCounts;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.RecordStatus;

/**
 * A dataset as the list answers it: its descriptor, plus how many records it holds and how many of them people have
 * labelled (as of the last index refresh), for the web app's datasets page. Labelled is what the progress sidebar
 * counts as done: {@code validated} plus {@code discarded}; a record in {@code Default} or {@code Edited} still
 * waits for a decision. Rubrix's clients ignore the extra fields.
 */
@RegisterForReflection
public record DatasetListing(
        @JsonUnwrapped Dataset dataset,
        @JsonProperty("records") long records,
        @JsonProperty("labelled") long labelled,
        @JsonProperty("validated") long validated,
        @JsonProperty("discarded") long discarded) {

    static DatasetListing of(Dataset dataset, RecordCounts counts) {
        long validated = counts.withStatus(RecordStatus.Validated.name());
        long discarded = counts.withStatus(RecordStatus.Discarded.name());
        return new DatasetListing(dataset, counts.total(), validated + discarded, validated, discarded);
    }
}
