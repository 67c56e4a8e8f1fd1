package io.rubrix.query.search;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * A search's aggregations, in a search of their own without hits, which Elasticsearch keeps in its request cache
 * until the index changes: paging through a view, or many people on one dataset, count it once. With numeric
 * metadata the dataset's range of each numeric field is read first (also cached), for the histograms' edges.
 */
@ApplicationScoped
public class FacetsSearch {

    private final RecordsIndex records;
    private final ObjectMapper json;

    public FacetsSearch(RecordsIndex records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /**
     * The aggregations of {@code query}'s records; {@code multiSelect}: each facet counted over the records the other
     * facets' filters select (the query's text and ids apply to all).
     */
    Uni<Map<String, Object>> count(String index, Task task, RecordQuery query, List<MetadataField> fields,
            boolean multiSelect) {
        return edges(index, fields).chain(edges -> {
            ObjectNode facets = json.createObjectNode();
            facets.put("size", 0).put("track_total_hits", false);
            if (multiSelect) {
                facets.set("query", query.withoutFacetFilters().toElasticsearch(task, json));
                facets.set("aggs", Aggregations.multiSelect(json, fields, edges, query));
            } else {
                facets.set("query", query.toElasticsearch(task, json));
                facets.set("aggs", Aggregations.request(json, fields, edges));
            }
            return records.searchCached(index, facets).map(counts -> {
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
        return records.searchCached(index, bounds).map(answer -> MetadataRanges.edges(answer, fields));
    }
}
