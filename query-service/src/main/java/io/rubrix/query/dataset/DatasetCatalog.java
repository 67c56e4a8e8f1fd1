package io.rubrix.query.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.Dataset;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
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

    public Uni<List<Dataset>> list(List<String> workspaces) {
        Map<String, Object> search = Map.of("size", MAX_DATASETS,
                "query", Map.of("terms", Map.of("workspace", workspaces)),
                "sort", List.of(Map.of("name", "asc"), Map.of("workspace", "asc")));
        return elasticsearch.send("POST", "/" + layout.datasetsIndex() + "/_search", search)
                .map(answer -> {
                    List<Dataset> datasets = new ArrayList<>();
                    for (JsonNode hit : answer.path("hits").path("hits")) {
                        datasets.add(read(hit.get("_source")));
                    }
                    return datasets;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(List.of());
    }

    private Dataset read(JsonNode source) {
        try {
            return json.treeToValue(source, Dataset.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dataset descriptor", e);
        }
    }
}
