package io.rubrix.query.search;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * A search's aggregations, in a search of their own without hits (sent with the page in one request), which
 * Elasticsearch keeps in its request cache until the index changes: paging through a view, or many people on one
 * dataset, count it once. With numeric
 * metadata the dataset's range of each numeric field is read first, for the histograms' edges, and kept here as long
 * as the fields are ({@link MetadataFields#FRESHNESS}): a search of its own per :search cost Elasticsearch about
 * 0.8 ms of CPU even when it answered from its cache (bench/run.sh search). Edges a few seconds old only shape the
 * histogram; values logged meanwhile beyond them are counted once the edges are read again. Each replica keeps its
 * own: they may differ for those seconds, nothing else.
 */
@ApplicationScoped
public class FacetsSearch {

    private final RecordsIndex records;
    private final ObjectMapper json;
    /** The edges of each index's numeric fields, for the fields they were read for. */
    private final Cache<String, KeptEdges> kept = Caffeine.newBuilder().maximumSize(MetadataFields.KEPT_INDICES)
            .expireAfterWrite(MetadataFields.FRESHNESS).build();

    private record KeptEdges(List<MetadataField> fields, Map<Integer, HistogramEdges> edges) {
    }

    public FacetsSearch(RecordsIndex records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /** The search of a query's aggregations, without hits, and how to read its answer into Rubrix's aggregations. */
    record Counting(ObjectNode search, Function<JsonNode, Map<String, Object>> answer) {
    }

    /**
     * The search of the aggregations of {@code query}'s records, to send with the page ({@link
     * RecordsIndex#searchWithCached}); {@code multiSelect}: each facet counted over the records the other facets'
     * filters select (the query's text and ids apply to all).
     */
    Uni<Counting> counting(String index, Task task, RecordQuery query, List<MetadataField> fields, boolean multiSelect) {
        return edges(index, fields).map(edges -> {
            ObjectNode facets = json.createObjectNode();
            facets.put("size", 0).put("track_total_hits", false);
            if (multiSelect) {
                facets.set("query", query.withoutFacetFilters().toElasticsearch(task, json));
                facets.set("aggs", Aggregations.multiSelect(json, fields, edges, query));
            } else {
                facets.set("query", query.toElasticsearch(task, json));
                facets.set("aggs", Aggregations.request(json, fields, edges));
            }
            return new Counting(facets, counts -> {
                JsonNode aggregations = multiSelect ? Aggregations.unwrapped(json, counts.path("aggregations"))
                        : counts.path("aggregations");
                return Aggregations.answer(aggregations, fields, edges);
            });
        });
    }

    private Uni<Map<Integer, HistogramEdges>> edges(String index, List<MetadataField> fields) {
        ObjectNode bounds = MetadataRanges.boundsSearch(json, fields);
        if (bounds == null) {
            return Uni.createFrom().item(Map.of());
        }
        KeptEdges known = kept.getIfPresent(index);
        if (known != null && known.fields().equals(fields)) {
            return Uni.createFrom().item(known.edges());
        }
        return records.searchCached(index, bounds).map(answer -> {
            Map<Integer, HistogramEdges> edges = MetadataRanges.edges(answer, fields);
            kept.put(index, new KeptEdges(List.copyOf(fields), edges));
            return edges;
        });
    }
}
