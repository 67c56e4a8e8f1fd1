package io.rubrix.query.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.dataset.Dataset;

/**
 * A dataset as the list answers it: its descriptor, plus how many records it holds (as of the last index
 * refresh), for the web app's datasets page. Rubrix's clients ignore the extra field.
 */
@RegisterForReflection
public record DatasetListing(@JsonUnwrapped Dataset dataset, @JsonProperty("records") long records) {
}
