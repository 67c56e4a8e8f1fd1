package io.rubrix.annotation.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;

/**
 * The body of {@code PUT /api/datasets/{name}/settings}. The labels must be sent, as {@code []} to allow any label:
 * a body without them (or with {@code null}) is a mistake, and replacing the schema with nothing would wipe it.
 */
@RegisterForReflection
public record SettingsReplacement(
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("guidelines") String guidelines) {

    DatasetSettings settings() {
        if (labels == null) {
            throw ApiException.badRequest("labels", "is required: the label schema, or [] to allow any label");
        }
        return new DatasetSettings(labels, guidelines);
    }
}
