package io.rubrix.annotation.record;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/** Reads one record with its version, and writes it back only if nobody changed it in between. */
@ApplicationScoped
public class RecordStore {

    private final RecordsIndex records;
    private final ObjectMapper json;

    public RecordStore(RecordsIndex records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /** The record {@code id} of {@code index}, or a 404 naming it. */
    public Uni<VersionedRecord> get(String index, Task task, String id) {
        return find(index, task, id).map(found -> found.orElseThrow(() -> missing(id)));
    }

    /** The record {@code id} of {@code index}, if there is one. */
    public Uni<Optional<VersionedRecord>> find(String index, Task task, String id) {
        return records.document(index, id).map(found -> found.map(hit -> read(task, hit)));
    }

    /** The records of {@code ids} found in {@code index}, by id. */
    public Uni<Map<String, VersionedRecord>> findAll(String index, Task task, Collection<String> ids) {
        ObjectNode request = json.createObjectNode();
        ids.forEach(request.putArray("ids")::add);
        return records.documents(index, request, "*").map(answer -> {
            Map<String, VersionedRecord> found = new HashMap<>();
            for (JsonNode document : answer.path("docs")) {
                if (document.path("found").asBoolean()) {
                    found.put(document.path("_id").asText(), read(task, document));
                }
            }
            return found;
        });
    }

    public static ApiException missing(String id) {
        return ApiException.notFound("Record '" + id + "' not found in this dataset");
    }

    /** A hit or a get answer ({@code _source}, {@code _seq_no}, {@code _primary_term}) as a versioned record. */
    public VersionedRecord read(Task task, JsonNode hit) {
        try {
            TaskRecord record = json.treeToValue(hit.get("_source"), RecordReader.typeOf(task));
            return new VersionedRecord(record, RecordVersion.of(hit), hit.get("_source").path(RecordDocument.TEAM));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored record " + hit.path("_id").asText(), e);
        }
    }

    /**
     * Replaces the record, with the team's work {@code team} (as read, or as changed), if it is still at
     * {@code expected}; the new version, or a {@link StaleVersionException}.
     * {@code refresh}: Elasticsearch's refresh parameter ({@code false}, {@code wait_for}, {@code true}).
     */
    public Uni<RecordVersion> replace(String index, TaskRecord record, JsonNode team, RecordVersion expected,
            String refresh) {
        String id = record.id().value();
        return records.replace(index, id, RecordDocument.json(json, record, team), expected, refresh)
                .onFailure(e -> e instanceof ElasticsearchException refused && refused.status() == 409)
                .transform(e -> new StaleVersionException(id));
    }

}
