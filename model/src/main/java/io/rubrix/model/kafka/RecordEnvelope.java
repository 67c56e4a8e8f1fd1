package io.rubrix.model.kafka;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.model.record.Task;
import io.rubrix.model.validation.DatasetName;
import io.rubrix.model.validation.Violation;

/**
 * A message of topic {@code rubrix.records}: where its records go (workspace, dataset, task) and either
 * one {@code record} or a batch of {@code records}, each in the Rubrix wire format of the task.
 * The Kafka key is the record id when there is one record.
 *
 * <pre>{"workspace": "team-a", "dataset": "news", "task": "TextClassification",
 *  "record": {"id": "r1", "inputs": {"text": "..."}, "prediction": {...}}}</pre>
 */
@JsonPropertyOrder({"workspace", "dataset", "task", "record", "records"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordEnvelope(
        @JsonProperty("workspace") String workspace,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("task") Task task,
        @JsonProperty("record") JsonNode record,
        @JsonProperty("records") List<JsonNode> records) {

    public static final String TOPIC = "rubrix.records";
    public static final String DEAD_LETTER_TOPIC = "rubrix.records.dlq";

    /** The records it carries, in order. */
    public List<JsonNode> all() {
        List<JsonNode> all = new ArrayList<>();
        if (record != null) {
            all.add(record);
        }
        if (records != null) {
            all.addAll(records);
        }
        return all;
    }

    public List<Violation> violations() {
        return violations(workspace, dataset, task, record != null, records != null);
    }

    /** What is wrong with an envelope of these parts, if anything (also for a consumer that reads it as a stream). */
    public static List<Violation> violations(String workspace, String dataset, Task task, boolean hasRecord,
            boolean hasRecords) {
        List<Violation> violations = new ArrayList<>();
        if (workspace == null || !DatasetName.isValid(workspace)) {
            violations.add(new Violation("workspace", "must be a workspace name (" + DatasetName.REGEX + ")"));
        }
        DatasetName.check(dataset).ifPresent(v -> violations.add(new Violation("dataset", v.reason())));
        if (task == null) {
            violations.add(new Violation("task", "is required: TextClassification, TokenClassification or Text2Text"));
        }
        if (hasRecord == hasRecords) {
            violations.add(new Violation("record", "give either one record or a list of records"));
        }
        return violations;
    }
}
