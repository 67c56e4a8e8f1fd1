package io.rubrix.annotation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;

/** Datasets and records put straight into the test Elasticsearch, as ingest-service would have written them. */
public final class TestDatasets {

    public static final String PREFIX = "rubrix-test-annotation";
    public static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    /** No dataset, no history, no job left from an earlier test. */
    public TestDatasets reset() {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), templates.recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), templates.datasetsIndex());
        return this;
    }

    public TestDatasets dataset(String workspace, String name, Task task, List<String> labels) {
        return dataset(workspace, name, task, labels, Map.of());
    }

    /** A dataset deleted and logged again under the same name: a new descriptor, created at {@code createdAt}. */
    public TestDatasets recreated(String workspace, String name, Task task, Instant createdAt) {
        es.send("DELETE", "/" + LAYOUT.recordsIndex(workspace, name), null);
        return dataset(workspace, name, task, List.of(), Map.of("created_at", createdAt.toString()));
    }

    private TestDatasets dataset(String workspace, String name, Task task, List<String> labels, Map<String, Object> more) {
        Map<String, Object> descriptor = new java.util.HashMap<>(Map.of("name", name, "task", task.name(),
                "workspace", workspace, "owner", workspace, "settings", Map.of("labels", labels),
                "created_at", Instant.now().toString())); // as ingest-service makes one
        descriptor.putAll(more);
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/" + workspace + "." + name + "?refresh=true", descriptor);
        return this;
    }

    /** Sets the dataset's team settings (ADR 0012) as annotation-service stores them. */
    public TestDatasets team(String workspace, String name, Map<String, Object> team) {
        es.send("POST", "/" + LAYOUT.datasetsIndex() + "/_update/" + workspace + "." + name + "?refresh=true",
                Map.of("doc", Map.of("settings", Map.of("team", team))));
        return this;
    }

    /** Indexes the records (wire JSON) of {@code task}, visible to searches on return. */
    public TestDatasets records(String workspace, String name, Task task, List<Map<String, Object>> records) {
        StringBuilder bulk = new StringBuilder();
        for (Map<String, Object> wire : records) {
            TaskRecord record = json.convertValue(wire, RecordReader.typeOf(task))
                    .stampedAt(Instant.parse("2026-11-28T10:00:00Z"));
            appendIndexAction(bulk, workspace, name, record);
        }
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
        return this;
    }

    public void appendIndexAction(StringBuilder bulk, String workspace, String name, TaskRecord record) {
        bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex(workspace, name))
                .append("\",\"_id\":\"").append(record.id().value()).append("\"}}\n")
                .append(RecordDocument.json(json, record)).append('\n');
    }

    public JsonNode stored(String workspace, String name, String id) {
        return es.source(LAYOUT.recordsIndex(workspace, name), id);
    }

    public ElasticsearchTestClient es() {
        return es;
    }

    public static Map<String, Object> news(String id, String text, String predicted, double confidence) {
        return Map.of("id", id, "inputs", Map.of("text", text),
                "prediction", Map.of("agent", "model-1", "labels", List.of(
                        Map.of("class", predicted, "confidence", confidence),
                        Map.of("class", predicted.equals("Sports") ? "Business" : "Sports", "confidence", 1 - confidence))));
    }
}
