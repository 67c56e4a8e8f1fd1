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
 * closed when the stream ends, fails or is cancelled. Memory stays one page whatever the size.
 * Exports read the sources; jobs that change records read the hits with their versions.
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

    /** The {@code _source} of every hit, in index order; nothing when the index does not exist. */
    public Multi<JsonNode> sources(String index, JsonNode query, Collection<String> excludedFields) {
        return sources(index, query, "_shard_doc", excludedFields);
    }

    /** The {@code _source} of every hit, ascending by {@code sortField}; nothing when the index does not exist. */
    public Multi<JsonNode> sources(String index, JsonNode query, String sortField, Collection<String> excludedFields) {
        return pages(index, query, sortField, excludedFields).onItem().transformToIterable(page -> page);
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
     * Every hit ({@code _id}, {@code _source}, and {@code _seq_no}/{@code _primary_term} when {@code versions}),
     * a page at a time, as {@link #pages}.
     */
    public Multi<List<JsonNode>> hitPages(String index, JsonNode query, String sortField,
            Collection<String> excludedFields, boolean versions) {
        AtomicReference<String> pit = new AtomicReference<>();
        AtomicReference<JsonNode> after = new AtomicReference<>();
        return elasticsearch.send("POST", "/" + index + "/_pit", null, Map.of("keep_alive", KEEP_ALIVE))
                .map(opened -> opened.get("id").asText())
                .onFailure(ElasticsearchException::notFound).recoverWithNull()
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

    private Uni<List<JsonNode>> page(String pit, JsonNode searchAfter, JsonNode query, String sortField,
            Collection<String> excludedFields, boolean versions) {
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
        String kept = "hits.hits._source,hits.hits.sort";
        if (versions) {
            search.put("seq_no_primary_term", true);
            kept += ",hits.hits._id,hits.hits._seq_no,hits.hits._primary_term";
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
