package io.rubrix.common.elasticsearch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every hit of a query over an index, in pages fetched only as the consumer asks for more: a point in time
 * keeps the view consistent, {@code search_after} walks past any number of hits, and the point in time is
 * closed when the stream ends, fails or is cancelled. Memory stays a page or two whatever the size.
 * The export reads sources as NDJSON bytes, in slices; snapshots read rows in order; jobs that change records
 * read the hits with their versions.
 */
@ApplicationScoped
public class PointInTimeScan {

    public static final int PAGE = 1000;
    private static final String KEEP_ALIVE = "2m";

    private final Elasticsearch elasticsearch;
    private final ObjectMapper json;

    public PointInTimeScan(Elasticsearch elasticsearch, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.json = json;
    }

    /**
     * The {@code _source} of every hit, a page ({@value #PAGE}) at a time, ascending by {@code sortField}; only the
     * last page is shorter, and none is empty. Nothing when the index does not exist.
     */
    public Multi<List<JsonNode>> pages(String index, JsonNode query, String sortField, Collection<String> excludedFields) {
        return hitPages(index, query, sortField, excludedFields, false)
                .map(hits -> hits.stream().map(hit -> hit.get("_source")).toList());
    }

    /**
     * Every hit ({@code _id}, {@code _source}, and {@code _seq_no}/{@code _primary_term} and {@code matched_queries}
     * when {@code versions}),
     * a page at a time, as {@link #pages}.
     */
    public Multi<List<JsonNode>> hitPages(String index, JsonNode query, String sortField,
            Collection<String> excludedFields, boolean versions) {
        return hitPages(index, query, sortField, excludedFields, versions, null);
    }

    /**
     * As {@link #hitPages(String, JsonNode, String, Collection, boolean)}, from the hits sorted after
     * {@code startAfter} (a {@code sort} value of {@code sortField}; null: from the first): a scan taken up again
     * where another, in another point in time, had got to.
     */
    public Multi<List<JsonNode>> hitPages(String index, JsonNode query, String sortField,
            Collection<String> excludedFields, boolean versions, JsonNode startAfter) {
        AtomicReference<String> pit = new AtomicReference<>();
        AtomicReference<JsonNode> after = new AtomicReference<>(startAfter);
        return open(index)
                .onItem().transformToMulti(id -> {
                    if (id == null) {
                        return Multi.createFrom().<List<JsonNode>>empty();
                    }
                    pit.set(id);
                    return Multi.createBy().repeating()
                            .uni(() -> page(pit.get(), after.get(), query, sortField, excludedFields, versions)
                                    .invoke(hits -> {
                                        if (!hits.isEmpty()) {
                                            after.set(hits.get(hits.size() - 1).get("sort"));
                                        }
                                    }))
                            .whilst(hits -> hits.size() == PAGE)
                            .select().where(hits -> !hits.isEmpty());
                })
                .onTermination().call(() -> close(pit.get()));
    }

    /**
     * The {@code _source} of every hit as newline-delimited JSON, a page at a time, read without a tree per
     * record, in no particular order: the point in time is cut into {@code slices} scanned side by side (so
     * Elasticsearch fetches on more than one core), and each slice asks for its next page as soon as a page
     * arrives, so Elasticsearch fetches it while this one is written out. At most two pages per slice are held.
     */
    public Multi<SourceLines> sourceLines(String index, JsonNode query, Collection<String> excludedFields, int slices) {
        AtomicReference<String> pit = new AtomicReference<>();
        return open(index)
                .onItem().transformToMulti(id -> {
                    if (id == null) {
                        return Multi.createFrom().<SourceLines>empty();
                    }
                    pit.set(id);
                    if (slices < 2) {
                        return slice(id, null, query, excludedFields);
                    }
                    List<Multi<SourceLines>> all = new ArrayList<>();
                    for (int i = 0; i < slices; i++) {
                        all.add(slice(id, Map.of("id", i, "max", slices), query, excludedFields));
                    }
                    return Multi.createBy().merging().streams(all);
                })
                .onTermination().call(() -> close(pit.get()));
    }

    private Multi<SourceLines> slice(String pit, Map<String, Integer> slice, JsonNode query,
            Collection<String> excludedFields) {
        AtomicReference<Uni<SourceLines>> next = new AtomicReference<>(
                started(linesPage(pit, slice, null, query, excludedFields)));
        return Multi.createBy().repeating()
                .uni(() -> next.get().invoke(page -> {
                    if (page.count() == PAGE) {
                        next.set(started(linesPage(pit, slice, page.lastSort(), query, excludedFields)));
                    }
                }))
                .whilst(page -> page.count() == PAGE)
                .select().where(page -> page.count() > 0);
    }

    /** A request sent now, its answer kept for whoever subscribes later (failures too). */
    private static <T> Uni<T> started(Uni<T> request) {
        Uni<T> kept = request.memoize().indefinitely();
        kept.subscribe().with(ignored -> { }, ignored -> { });
        return kept;
    }

    private Uni<String> open(String index) {
        return elasticsearch.send("POST", "/" + index + "/_pit", null, Map.of("keep_alive", KEEP_ALIVE))
                .map(opened -> opened.get("id").asText())
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    private Uni<SourceLines> linesPage(String pit, Map<String, Integer> slice, JsonNode searchAfter, JsonNode query,
            Collection<String> excludedFields) {
        ObjectNode search = search(pit, searchAfter, query, "_shard_doc", excludedFields);
        if (slice != null) {
            search.set("slice", json.valueToTree(slice));
        }
        return elasticsearch.scanPage("/_search", search, Map.of("filter_path", "hits.hits._source,hits.hits.sort"))
                .map(answer -> {
                    try {
                        return SourceLines.read(json, answer);
                    } catch (java.io.IOException e) {
                        throw new StorageUnavailable("Elasticsearch answer unreadable: " + e.getMessage(), e);
                    }
                });
    }

    private ObjectNode search(String pit, JsonNode searchAfter, JsonNode query, String sortField,
            Collection<String> excludedFields) {
        ObjectNode search = json.createObjectNode();
        search.put("size", PAGE);
        search.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
        search.putArray("sort").addObject().put(sortField, "asc");
        search.set("query", query);
        // Fields left out by Elasticsearch are neither sent nor parsed (words alone doubles a record's size).
        if (!excludedFields.isEmpty()) {
            excludedFields.forEach(search.putObject("_source").putArray("excludes")::add);
        }
        if (searchAfter != null) {
            search.set("search_after", searchAfter);
        }
        return search;
    }

    private Uni<List<JsonNode>> page(String pit, JsonNode searchAfter, JsonNode query, String sortField,
            Collection<String> excludedFields, boolean versions) {
        ObjectNode search = search(pit, searchAfter, query, sortField, excludedFields);
        String kept = "hits.hits._source,hits.hits.sort";
        if (versions) {
            search.put("seq_no_primary_term", true);
            // the names of the named queries a hit matched, when the query has some (a job's votes of rules)
            kept += ",hits.hits._id,hits.hits._seq_no,hits.hits._primary_term,hits.hits.matched_queries";
        }
        return elasticsearch.send("POST", "/_search", search, Map.of("filter_path", kept))
                .map(answer -> {
                    List<JsonNode> hits = new ArrayList<>();
                    answer.path("hits").path("hits").forEach(hits::add);
                    return hits;
                });
    }

    private Uni<Void> close(String pit) {
        if (pit == null) {
            return Uni.createFrom().voidItem();
        }
        return elasticsearch.send("DELETE", "/_pit", Map.of("id", pit)).replaceWithVoid()
                .onFailure().invoke(e -> Log.debugf("Closing a point in time failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
