package io.rubrix.ingest.dataset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.rubrix.common.dataset.Dataset;
import io.rubrix.common.error.ApiException;

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

    /** {@code dataset} as it would be stored, else a 400 naming the limit. */
    public Dataset require(Dataset dataset) {
        require("tags", dataset.tags().size());
        require("metadata", dataset.metadata().size());
        return dataset;
    }

    private void require(String field, int keys) {
        if (keys > maxKeys) {
            throw ApiException.badRequest(field, "the dataset would have " + keys + " keys here; at most " + maxKeys
                    + " are allowed (rubrix.limits.dataset-keys)");
        }
    }
}
