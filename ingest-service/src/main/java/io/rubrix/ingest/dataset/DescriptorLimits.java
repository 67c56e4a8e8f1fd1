package io.rubrix.ingest.dataset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.StorableValues;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;
import io.rubrix.model.validation.Violations;

/**
 * How many tags and metadata keys a dataset keeps. Every dataset listing carries them, so a client that sends a
 * new key with every chunk would make each listing heavier for everyone (README, "Limits").
 */
@ApplicationScoped
public class DescriptorLimits {

    private final int maxKeys;

    public DescriptorLimits(@ConfigProperty(name = "rubrix.limits.dataset-keys", defaultValue = "100") int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** {@code dataset} as it would be stored, else a 400 naming the limit or the value. */
    public Dataset require(Dataset dataset) {
        require("tags", dataset.tags().size());
        require("metadata", dataset.metadata().size());
        Violations violations = new Violations();
        dataset.tags().forEach((key, value) -> {
            if (value != null && value.length() > Limits.LABEL_LENGTH) {
                violations.add("tags." + key, "is " + value.length() + " characters long; a tag has at most "
                        + Limits.LABEL_LENGTH);
            }
        });
        dataset.metadata().forEach((key, value) -> StorableValues.requireFinite(violations, "metadata." + key, value));
        if (!violations.isEmpty()) {
            Violation first = violations.list().get(0);
            throw ApiException.badRequest(first.toString(), violations.list().stream().map(FieldError::of).toList());
        }
        return dataset;
    }

    private void require(String field, int keys) {
        if (keys > maxKeys) {
            throw ApiException.badRequest(field, "the dataset would have " + keys + " keys here; at most " + maxKeys
                    + " are allowed (rubrix.limits.dataset-keys)");
        }
    }
}
