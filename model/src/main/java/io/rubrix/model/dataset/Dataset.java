package io.rubrix.model.dataset;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.Timestamps;

/**
 * A dataset's descriptor, as Rubrix answers it (name, task, tags, metadata, owner, dates) plus the
 * workspace it lives in, who created it and whether it is closed. {@code owner} is the workspace, as in Rubrix.
 */
@JsonPropertyOrder({"name", "task", "tags", "metadata", "owner", "workspace", "created_by", "created_at",
        "last_updated", "closed", "settings"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dataset(
        @JsonProperty("name") String name,
        @JsonProperty("task") Task task,
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("owner") String owner,
        @JsonProperty("workspace") String workspace,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant createdAt,
        @JsonProperty("last_updated") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant lastUpdated,
        @JsonProperty("closed") boolean closed,
        @JsonProperty("settings") DatasetSettings settings) {

    public Dataset {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static Dataset create(String workspace, String name, Task task, String creator,
            Map<String, String> tags, Map<String, Object> metadata, Instant now) {
        return new Dataset(name, task, tags, metadata, workspace, workspace, creator, now, now, false, null);
    }

    /** This dataset, or a 400 naming both tasks when it holds records of another task than {@code expected}. */
    public Dataset requireTask(Task expected) {
        if (task != expected) {
            throw ApiException.badRequest("task", "dataset '" + name + "' is a " + task + " dataset, not " + expected);
        }
        return this;
    }

    /** The labels (or entity types) annotations may use; empty when any label goes. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.List<String> labelSchema() {
        return settings == null ? java.util.List.of() : settings.labels();
    }

    /** How a team labels the dataset's records (ADR 0012): one person per record unless set. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public io.rubrix.model.team.TeamSettings teamSettings() {
        return io.rubrix.model.team.TeamSettings.orDefault(settings == null ? null : settings.team());
    }

    /** The labelling rules (ADR 0013), oldest first. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.List<io.rubrix.model.rules.LabelingRule> rules() {
        return settings == null ? java.util.List.of() : settings.rulesInOrder();
    }

    /** The drift monitors (ADR 0014), by name. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.List<io.rubrix.model.monitor.Monitor> monitors() {
        return settings == null ? java.util.List.of() : java.util.List.copyOf(settings.monitors().values());
    }

    /** The id of a descriptor document: names cannot hold a dot, so this is unique. */
    public static String documentId(String workspace, String name) {
        return workspace + "." + name;
    }

    public String documentId() {
        return documentId(workspace, name);
    }

    /** Tags and metadata merged in (new values win), {@code last_updated} moved to {@code now}. */
    public Dataset merged(Map<String, String> moreTags, Map<String, Object> moreMetadata, Instant now) {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        if (moreTags != null) {
            allTags.putAll(moreTags);
        }
        Map<String, Object> allMetadata = new LinkedHashMap<>(metadata);
        if (moreMetadata != null) {
            allMetadata.putAll(moreMetadata);
        }
        return new Dataset(name, task, allTags, allMetadata, owner, workspace, createdBy, createdAt, now, closed, settings);
    }

    public Dataset withClosed(boolean isClosed, Instant now) {
        return new Dataset(name, task, tags, metadata, owner, workspace, createdBy, createdAt, now, isClosed, settings);
    }
}
