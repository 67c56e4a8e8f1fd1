package io.rubrix.model.monitor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;


/**
 * The body of {@code PUT .../monitors/{monitor}} (and of a preview): a monitor without its name (the path's) and
 * authorship.
 */
public record MonitorRequest(
        @JsonProperty("description") String description,
        @JsonProperty("query") String query,
        @JsonProperty("reference") Reference reference,
        @JsonProperty("window") String window,
        @JsonProperty("every") String every,
        @JsonProperty("min_records") Integer minRecords,
        @JsonProperty("measures") List<Measure> measures,
        @JsonProperty("webhook") Webhook webhook) {

    public Monitor named(String name) {
        return new Monitor(name, description, query == null || query.isBlank() ? null : query, reference, window,
                every, minRecords, measures, webhook, null, null, null);
    }
}
