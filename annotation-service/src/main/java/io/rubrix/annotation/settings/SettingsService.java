package io.rubrix.annotation.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.dataset.DatasetSettings;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.error.ApiException;
import io.rubrix.common.error.FieldError;
import io.rubrix.common.validation.Violation;
import io.smallrye.mutiny.Uni;

/** A dataset's label schema and guidelines, kept in its descriptor. */
@ApplicationScoped
public class SettingsService {

    private final DatasetStore datasets;

    public SettingsService(DatasetStore datasets) {
        this.datasets = datasets;
    }

    /** Replaces the settings of the dataset {@code name} of {@code workspace} (404 when it has none such). */
    public Uni<DatasetSettings> replace(String workspace, String name, DatasetSettings settings) {
        if (settings == null) {
            throw ApiException.badRequest("body", "settings are required: {\"labels\": [...], \"guidelines\": \"...\"}");
        }
        List<Violation> violations = settings.violations();
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations.get(0).toString(),
                    violations.stream().map(FieldError::of).toList());
        }
        Map<String, Object> stored = new HashMap<>();
        stored.put("labels", settings.labels());
        stored.put("guidelines", settings.guidelines());
        return datasets.require(workspace, name)
                .chain(dataset -> datasets.update(workspace, name, Map.of("settings", stored)))
                .replaceWith(settings);
    }
}
