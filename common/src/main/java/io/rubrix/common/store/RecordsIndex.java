package io.rubrix.common.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.BulkAnswer;
import io.rubrix.common.elasticsearch.DocumentWrite;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * The records indices, one per dataset ({@link #name}): every path and parameter the services send them. Callers
 * build the queries (they are the services' own rules); this class owns how they reach Elasticsearch. Bulks go
 * through {@link Elasticsearch#bulk}, from the event loop where they were built (ADR 0002).
 */
@ApplicationScoped
public class RecordsIndex {

    /** More datasets than this in a caller's workspaces is not a use case served in one answer. */
    public static final int MAX_DATASETS = 10_000;

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public RecordsIndex(Elasticsearch elasticsearch, IndexLayout layout, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.json = json;
    }

    /** The records index of a dataset; its name holds the workspace, so a search of it cannot reach another's. */
    public String name(String workspace, String dataset) {
        return layout.recordsIndex(workspace, dataset);
    }

    public Uni<JsonNode> search(String index, Object body) {
        return elasticsearch.send("POST", "/" + index + "/_search", body);
    }

    /**
     * A search whose answer Elasticsearch keeps in its shard request cache until the index next changes (a search
     * without hits: facets, counts), so that paging, or many people on one dataset, do not count it all again.
     */
    public Uni<JsonNode> searchCached(String index, Object body) {
        return elasticsearch.send("POST", "/" + index + "/_search", body, Map.of("request_cache", "true"));
    }

    /** A search's answer as Elasticsearch wrote it, for callers that read its hits without building trees. */
    public Uni<byte[]> searchForBytes(String index, Object body) {
        return elasticsearch.sendForBytes("POST", "/" + index + "/_search", body, Map.of());
    }

    /**
     * A page of hits, its answer unparsed ({@code page}, from {@code pageStart} on: the page's own answer, or an
     * {@code _msearch}'s from where the page's begins), and beside it a search without hits that Elasticsearch caches.
     */
    public record PageAndCounts(byte[] page, int pageStart, JsonNode counts) {
    }

    /**
     * {@link #searchForBytes} and {@link #searchCached} in one request ({@code _msearch}): for Elasticsearch each
     * request has a cost of its own (about 0.8 ms of CPU for a cached search on this project's benchmark machine),
     * whatever it asks. Fails as the first failed search would have alone.
     */
    public Uni<PageAndCounts> searchWithCached(String index, JsonNode page, JsonNode counts) {
        // the counts first: their answer is read as a tree, and the page's after it from where it begins, not skipped
        NdjsonBody body = new NdjsonBody()
                .line(json, Map.of("index", index, "request_cache", true))
                .line(json, counts)
                .line(json, Map.of("index", index))
                .line(json, page);
        return elasticsearch.sendForBytes("POST", "/_msearch", body, Map.of()).map(answer -> {
            try {
                return MultiSearchAnswer.pageAndCounts(json, answer, index);
            } catch (IOException e) {
                throw new StorageUnavailable("Elasticsearch's _msearch answer is unreadable: " + e.getMessage(), e);
            }
        });
    }

    public Uni<Long> count(String index, JsonNode query) {
        return elasticsearch.send("POST", "/" + index + "/_count", Map.of("query", query))
                .map(answer -> answer.path("count").asLong());
    }

    /**
     * Elasticsearch's verdict on a query a person wrote (a rule's, a monitor's), as a 400 naming {@code field} when
     * it cannot read it; a dataset without records yet accepts any.
     */
    public Uni<Void> requireReadable(String index, JsonNode query, String field) {
        return count(index, query).replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull()
                .onFailure(ElasticsearchException::refusedQuery)
                .transform(refused -> ApiException.badRequest(field, "Elasticsearch cannot read this query: "
                        + ((ElasticsearchException) refused).reason()));
    }

    /** Makes every write so far visible to searches. */
    public Uni<Void> refresh(String index) {
        return elasticsearch.send("POST", "/" + index + "/_refresh", null).replaceWithVoid();
    }

    /** The document {@code id} as Elasticsearch answers a get ({@code _source}, {@code _seq_no}, ...), if any. */
    public Uni<Optional<JsonNode>> document(String index, String id) {
        return elasticsearch.document(index, id)
                .map(Optional::of)
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Optional.empty());
    }

    /**
     * Replaces document {@code id} (JSON text) if it is still at {@code expected} (else Elasticsearch's 409); answers the
     * written version. {@code refresh}: Elasticsearch's refresh parameter ({@code false}, {@code wait_for}, ...).
     */
    public Uni<RecordVersion> replace(String index, String id, String document, RecordVersion expected,
            String refresh) {
        if ("false".equals(refresh)) { // with the writes of other callers meanwhile, in one _bulk
            return elasticsearch.write(DocumentWrite.over(index, id, document, expected)).map(RecordVersion::of);
        }
        return elasticsearch.send("PUT", "/" + index + "/_doc/" + PathSegment.encode(id), document,
                        Map.of("if_seq_no", Long.toString(expected.seqNo()),
                                "if_primary_term", Long.toString(expected.primaryTerm()),
                                "refresh", refresh))
                .map(RecordVersion::of);
    }

    /** {@code _mget} of {@code ids} ({@code {"ids": [...]}}), each document with {@code sourceFields} only. */
    public Uni<JsonNode> documents(String index, JsonNode ids, String sourceFields) {
        return elasticsearch.send("POST", "/" + index + "/_mget", ids, Map.of("_source_includes", sourceFields));
    }

    /** The index's mapping, as {@code GET /<index>/_mapping} answers it. */
    public Uni<JsonNode> mapping(String index) {
        return elasticsearch.get("/" + index + "/_mapping");
    }

    /** A bulk of writes read only as far as its failures ({@link BulkAnswer}). */
    public Uni<BulkAnswer> bulk(NdjsonBody body, boolean refresh) {
        return elasticsearch.bulk(body, Map.of("refresh", Boolean.toString(refresh)));
    }

    /** A bulk of writes answered item by item (for the versions each write made). */
    public Uni<JsonNode> bulkItems(NdjsonBody body, boolean refresh) {
        return elasticsearch.send("POST", "/_bulk", body, Map.of("refresh", Boolean.toString(refresh)));
    }

    /** Deletes the dataset's records; nothing to do when it has none yet. */
    public Uni<Void> delete(String workspace, String dataset) {
        return ignoringMissing(elasticsearch.send("DELETE", "/" + name(workspace, dataset), null));
    }

    /** Opens or closes ({@code _open}, {@code _close}) the dataset's records index; nothing when it has none. */
    public Uni<Void> openOrClose(String workspace, String dataset, boolean open) {
        return ignoringMissing(elasticsearch.send("POST", "/" + name(workspace, dataset) + (open ? "/_open" : "/_close"),
                null));
    }

    /**
     * Records per records index of the workspaces, in all and per status: one search (a terms aggregation by index with
     * the statuses inside), whatever the number of datasets. At most {@link #MAX_DATASETS} indices of 1 + 4 buckets
     * each stay below Elasticsearch's 65,536 buckets per search.
     */
    public Uni<Map<String, RecordCounts>> countsPerIndex(List<String> workspaces) {
        String indices = workspaces.stream().map(layout::recordsPatternOf).collect(Collectors.joining(","));
        Map<String, Object> perStatus = Map.of("terms", Map.of("field", "status", "size", RecordStatus.values().length));
        Map<String, Object> count = Map.of("size", 0, "track_total_hits", false,
                "aggs", Map.of("per_index", Map.of("terms", Map.of("field", "_index", "size", MAX_DATASETS),
                        "aggs", Map.of("per_status", perStatus))));
        return elasticsearch.send("POST", "/" + indices + "/_search", count,
                        Map.of("ignore_unavailable", "true", "allow_no_indices", "true"))
                .map(answer -> {
                    Map<String, RecordCounts> counts = new HashMap<>();
                    for (JsonNode bucket : answer.path("aggregations").path("per_index").path("buckets")) {
                        Map<String, Long> statuses = new HashMap<>();
                        for (JsonNode status : bucket.path("per_status").path("buckets")) {
                            statuses.put(status.path("key").asText(), status.path("doc_count").asLong());
                        }
                        counts.put(bucket.path("key").asText(), new RecordCounts(bucket.path("doc_count").asLong(), statuses));
                    }
                    return counts;
                });
    }

    private static Uni<Void> ignoringMissing(Uni<JsonNode> request) {
        return request.replaceWithVoid().onFailure(ElasticsearchException::notFound).recoverWithNull();
    }
}
