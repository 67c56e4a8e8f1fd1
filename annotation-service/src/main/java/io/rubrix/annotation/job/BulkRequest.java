package io.rubrix.annotation.job;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.annotation.label.LabelChange;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordStatus;

/**
 * Which records a bulk change acts on: {@code ids} (the records selected on a page, at most
 * {@value #MAX_IDS}; {@code versions} optionally gives the version the person saw of each) or a search
 * {@code query} (every match, any number). For labelling, the change: {@code annotation}, {@code status}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record BulkRequest(
        @JsonProperty("ids") List<String> ids,
        @JsonProperty("versions") Map<String, String> versions,
        @JsonProperty("query") RecordQuery query,
        @JsonProperty("annotation") JsonNode annotation,
        @JsonProperty("status") RecordStatus status) {

    public static final int MAX_IDS = 1000;

    public boolean byIds() {
        return ids != null;
    }

    /** The records selected, as a query, or a 400 when the request names none or both ways. */
    public RecordQuery selection() {
        if (ids != null && query != null) {
            throw ApiException.badRequest("ids", "give either ids or a query, not both");
        }
        if (ids != null) {
            if (ids.isEmpty() || ids.size() > MAX_IDS) {
                throw ApiException.badRequest("ids", "give 1 to " + MAX_IDS + " ids, not " + ids.size()
                        + " (select more with a query)");
            }
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) == null || ids.get(i).isBlank()) {
                    throw ApiException.badRequest("ids[" + i + "]", "must not be empty");
                }
            }
            return new RecordQuery(ids, null, null, null, null, null, null, null, null, null, null);
        }
        if (query == null) {
            throw ApiException.badRequest("query", "give the records: ids, or a query ({} for every record)");
        }
        return query.requireValid();
    }

    public LabelChange change() {
        return new LabelChange(annotation, status).requireValid("");
    }

    public Map<String, String> versionsSeen() {
        return versions == null ? Map.of() : versions;
    }
}
