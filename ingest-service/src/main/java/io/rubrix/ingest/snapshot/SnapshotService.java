package io.rubrix.ingest.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.rubrix.model.snapshot.TrainingRows;
import io.smallrye.mutiny.Uni;

/**
 * Freezes a dataset's records matching a query ({@code Validated} ones by default, as Rubrix) into an
 * immutable copy of flat training rows: a point-in-time scan of the records index (no 10,000 wall, a
 * consistent view while people keep labelling), written page by page with {@code _bulk} into the
 * snapshot's own index, then described in the snapshots index. A failed copy is removed.
 */
@ApplicationScoped
public class SnapshotService {

    static final int PAGE = 1000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmss").withZone(ZoneOffset.UTC);

    private final DatasetStore datasets;
    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final IndexTemplates templates;
    private final ObjectMapper json;
    private final RecordReader reader;
    private final Clock clock = Clock.systemUTC();

    public SnapshotService(DatasetStore datasets, Elasticsearch elasticsearch, IndexLayout layout,
            IndexTemplates templates, ObjectMapper json) {
        this.datasets = datasets;
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.templates = templates;
        this.json = json;
        this.reader = new RecordReader(json);
    }

    public Uni<DatasetSnapshot> create(String workspace, String name, SnapshotRequest request) {
        RecordQuery query = (request == null ? new SnapshotRequest(null) : request).queryOrDefault().requireValid();
        Instant now = clock.instant();
        String id = ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return datasets.require(workspace, name).chain(dataset -> {
            String target = layout.snapshotDataIndex(workspace, name, id);
            return ensureSnapshotsIndex()
                    .chain(() -> elasticsearch.send("PUT", "/" + target, templates.snapshotDataIndex()))
                    .chain(() -> copy(dataset, query, target))
                    .chain(count -> describe(dataset, id, query, now, count))
                    .onFailure().call(() -> elasticsearch.send("DELETE", "/" + target, null)
                            .onFailure().recoverWithNull());
        });
    }

    public Uni<Void> delete(String workspace, String name, String id) {
        return datasets.require(workspace, name)
                .chain(() -> elasticsearch.send("DELETE", "/" + layout.snapshotsIndex() + "/_doc/" + documentId(workspace, name, id),
                        null, Map.of("refresh", "true")))
                .onFailure(ElasticsearchException::notFound).transform(
                        e -> ApiException.notFound("Snapshot '" + id + "' of dataset '" + name + "' not found"))
                .chain(() -> elasticsearch.send("DELETE", "/" + layout.snapshotDataIndex(workspace, name, id), null)
                        .onFailure(ElasticsearchException.class).recoverWithNull())
                .replaceWithVoid();
    }

    /**
     * Removes every snapshot of a dataset that is being deleted, rows and descriptors: a dataset created later
     * under the same name starts without any, and {@code rb.load(name, snapshot=id)} cannot read the old rows.
     */
    public Uni<Void> deleteAll(String workspace, String name) {
        return deleteRows(workspace, name).chain(() -> deleteDescriptors(workspace, name));
    }

    /** The snapshots' indices, named one by one: Elasticsearch refuses to delete indices by a wildcard. */
    private Uni<Void> deleteRows(String workspace, String name) {
        String pattern = layout.snapshotDataPatternOf(workspace, name);
        return elasticsearch.send("GET", "/_resolve/index/" + pattern, null, Map.of("expand_wildcards", "all"))
                .chain(resolved -> {
                    List<String> indices = new ArrayList<>();
                    resolved.path("indices").forEach(index -> indices.add(index.path("name").asText()));
                    return indices.isEmpty() ? Uni.createFrom().voidItem()
                            : elasticsearch.send("DELETE", "/" + String.join(",", indices), null).replaceWithVoid();
                });
    }

    private Uni<Void> deleteDescriptors(String workspace, String name) {
        Map<String, Object> search = Map.of("size", PAGE, "_source", false,
                "query", Map.of("bool", Map.of("filter", List.of(
                        Map.of("term", Map.of("workspace", workspace)), Map.of("term", Map.of("dataset", name))))));
        return elasticsearch.send("POST", "/" + layout.snapshotsIndex() + "/_search", search)
                .onFailure(ElasticsearchException::notFound).recoverWithNull() // no snapshot was ever taken
                .chain(answer -> {
                    JsonNode hits = answer == null ? json.createArrayNode() : answer.path("hits").path("hits");
                    if (hits.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    NdjsonBody deletions = new NdjsonBody();
                    hits.forEach(hit -> deletions.action(json, "delete", layout.snapshotsIndex(), hit.path("_id").asText()));
                    return elasticsearch.bulk(deletions, Map.of("refresh", "true"))
                            .invoke(result -> {
                                if (result.errors()) {
                                    throw new IllegalStateException("Elasticsearch refused to delete snapshots of "
                                            + workspace + "/" + name + ": " + result.firstError());
                                }
                            })
                            .chain(() -> hits.size() < PAGE ? Uni.createFrom().voidItem()
                                    : deleteDescriptors(workspace, name));
                });
    }

    private Uni<Long> copy(Dataset dataset, RecordQuery query, String target) {
        String source = layout.recordsIndex(dataset.workspace(), dataset.name());
        return elasticsearch.send("POST", "/" + source + "/_pit", null, Map.of("keep_alive", "2m"))
                .map(pit -> pit.get("id").asText())
                .onFailure(ElasticsearchException::notFound).recoverWithNull() // no record yet: an empty snapshot
                .chain(pit -> pit == null ? Uni.createFrom().item(0L)
                        : copyPages(dataset, pit, null, query, target, 0L)
                                .call(() -> elasticsearch.send("DELETE", "/_pit", Map.of("id", pit))
                                        .onFailure().recoverWithNull()))
                .call(() -> elasticsearch.send("POST", "/" + target + "/_refresh", null));
    }

    private Uni<Long> copyPages(Dataset dataset, String pit, JsonNode searchAfter, RecordQuery query,
            String target, long copied) {
        ObjectNode search = json.createObjectNode();
        search.put("size", PAGE);
        search.putObject("pit").put("id", pit).put("keep_alive", "2m");
        search.putArray("sort").addObject().put("_shard_doc", "asc");
        search.set("query", query.toElasticsearch(dataset.task(), json));
        if (searchAfter != null) {
            search.set("search_after", searchAfter);
        }
        return elasticsearch.send("POST", "/_search", search).chain(page -> {
            JsonNode hits = page.path("hits").path("hits");
            if (hits.isEmpty()) {
                return Uni.createFrom().item(copied);
            }
            NdjsonBody bulk = new NdjsonBody();
            long row = copied;
            for (JsonNode hit : hits) {
                ObjectNode document = json.createObjectNode();
                document.put("row_number", row++);
                document.set("row", json.valueToTree(TrainingRows.of(read(dataset, hit.get("_source")))));
                bulk.action(json, "index", target, null).line(json, document);
            }
            long total = row;
            JsonNode next = hits.get(hits.size() - 1).get("sort");
            return elasticsearch.bulk(bulk, Map.of())
                    .invoke(answer -> {
                        if (answer.errors()) {
                            throw new IllegalStateException("Elasticsearch refused rows of the snapshot " + target
                                    + ": " + answer.firstError());
                        }
                    })
                    .chain(() -> hits.size() < PAGE ? Uni.createFrom().item(total)
                            : copyPages(dataset, pit, next, query, target, total));
        });
    }

    private Uni<DatasetSnapshot> describe(Dataset dataset, String id, RecordQuery query, Instant now, long count) {
        DatasetSnapshot snapshot = new DatasetSnapshot(id, "json", DatasetSnapshot.dataUri(dataset.name(), id),
                dataset.task(), now, dataset.name(), dataset.workspace(), count, query);
        Log.infof("Snapshot %s of %s/%s holds %d records", id, dataset.workspace(), dataset.name(), count);
        return elasticsearch.send("PUT", "/" + layout.snapshotsIndex() + "/_doc/"
                + documentId(dataset.workspace(), dataset.name(), id), snapshot, Map.of("refresh", "true"))
                .replaceWith(snapshot);
    }

    private Uni<Void> ensureSnapshotsIndex() {
        return elasticsearch.exists("/" + layout.snapshotsIndex()).chain(exists -> exists ? Uni.createFrom().voidItem()
                : elasticsearch.send("PUT", "/" + layout.snapshotsIndex(), templates.snapshotsIndex()).replaceWithVoid()
                        .onFailure(ElasticsearchException.class).recoverWithUni(e ->
                                "resource_already_exists_exception".equals(((ElasticsearchException) e).errorType())
                                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(e)));
    }

    private static String documentId(String workspace, String dataset, String id) {
        return PathSegment.encode(workspace + "." + dataset + "." + id);
    }

    private TaskRecord read(Dataset dataset, JsonNode source) {
        try {
            return json.treeToValue(source, RecordReader.typeOf(dataset.task()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored record " + source.path("id"), e);
        }
    }
}
