package io.rubrix.model.snapshot;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;

/**
 * A snapshot's descriptor, as Rubrix answers it ({@code id}, {@code format}, {@code uri}, {@code task},
 * {@code creation_date}), plus the dataset it froze, how many rows it holds and the query that chose them.
 */
@JsonPropertyOrder({"id", "format", "uri", "task", "creation_date", "dataset", "workspace", "count", "query"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSnapshot(
        @JsonProperty("id") String id,
        @JsonProperty("format") String format,
        @JsonProperty("uri") String uri,
        @JsonProperty("task") Task task,
        @JsonProperty("creation_date") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant creationDate,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("count") long count,
        @JsonProperty("query") RecordQuery query) {

    /** Where query-service streams the rows from. */
    public static String dataUri(String dataset, String id) {
        return "/api/datasets/" + dataset + "/snapshots/" + id + "/data";
    }
}
