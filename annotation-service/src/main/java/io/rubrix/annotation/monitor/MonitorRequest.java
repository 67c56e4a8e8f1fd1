package io.rubrix.annotation.monitor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.Reference;
import io.rubrix.model.monitor.Webhook;

/** The body of {@code PUT .../monitors/{monitor}}: a monitor without its name (the path's) and authorship. */
public record MonitorRequest(
        @JsonProperty("description") String description,
        @JsonProperty("query") String query,
        @JsonProperty("reference") Reference reference,
        @JsonProperty("window") String window,
        @JsonProperty("every") String every,
        @JsonProperty("min_records") Integer minRecords,
        @JsonProperty("measures") List<Measure> measures,
        @JsonProperty("webhook") Webhook webhook) {

    Monitor named(String name) {
        return new Monitor(name, description, query == null || query.isBlank() ? null : query, reference, window,
                every, minRecords, measures, webhook, null, null, null);
    }
}
