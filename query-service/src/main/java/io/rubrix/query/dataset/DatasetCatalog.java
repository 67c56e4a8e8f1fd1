package io.rubrix.query.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.dataset.Dataset;
import io.smallrye.mutiny.Uni;

/** Lists dataset descriptors of some workspaces, by name. */
@ApplicationScoped
public class DatasetCatalog {

    /** More datasets than this in a caller's workspaces is not a use case we serve in one answer. */
    static final int MAX_DATASETS = 10_000;

    private final Elasticsearch elasticsearch;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public DatasetCatalog(Elasticsearch elasticsearch, IndexLayout layout, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.layout = layout;
        this.json = json;
    }

    public Uni<List<DatasetListing>> list(List<String> workspaces) {
        Map<String, Object> search = Map.of("size", MAX_DATASETS,
                "query", Map.of("terms", Map.of("workspace", workspaces)),
                "sort", List.of(Map.of("name", "asc"), Map.of("workspace", "asc")));
        Uni<List<Dataset>> descriptors = elasticsearch.send("POST", "/" + layout.datasetsIndex() + "/_search", search)
                .map(answer -> {
                    List<Dataset> datasets = new ArrayList<>();
                    for (JsonNode hit : answer.path("hits").path("hits")) {
                        datasets.add(read(hit.get("_source")));
                    }
                    return datasets;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
        return Uni.combine().all().unis(descriptors, recordCounts(workspaces)).asTuple()
                .map(both -> both.getItem1().stream()
                        .map(dataset -> new DatasetListing(dataset, both.getItem2()
                                .getOrDefault(layout.recordsIndex(dataset.workspace(), dataset.name()), 0L)))
                        .toList());
    }

    /** Records per records index of the workspaces: one search, counting by index, whatever the number of datasets. */
    private Uni<Map<String, Long>> recordCounts(List<String> workspaces) {
        String indices = workspaces.stream().map(workspace -> layout.recordsPatternOf(workspace))
                .collect(Collectors.joining(","));
        Map<String, Object> count = Map.of("size", 0, "track_total_hits", false,
                "aggs", Map.of("per_index", Map.of("terms", Map.of("field", "_index", "size", MAX_DATASETS))));
        return elasticsearch.send("POST", "/" + indices + "/_search", count,
                        Map.of("ignore_unavailable", "true", "allow_no_indices", "true"))
                .map(answer -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (JsonNode bucket : answer.path("aggregations").path("per_index").path("buckets")) {
                        counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
                    }
                    return counts;
                });
    }

    private Dataset read(JsonNode source) {
        try {
            return json.treeToValue(source, Dataset.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dataset descriptor", e);
        }
    }
}
