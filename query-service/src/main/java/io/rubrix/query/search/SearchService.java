package io.rubrix.query.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.json.RawJson;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/**
 * Rubrix's search: a page of matching records with the aggregations of all of them; beyond Rubrix, any order,
 * highlighted {@code query_text} matches, and a cursor to page past Elasticsearch's 10,000 window.
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_LIMIT = 1000;
    /** Elasticsearch's {@code max_result_window}: pages beyond it need a cursor. */
    public static final int MAX_WINDOW = 10_000;
    /** Derived fields that serve search and aggregations but are not part of a record on the wire. */
    public static final Set<String> INTERNAL_FIELDS = Set.of("words", "score", "predicted_as", "annotated_as",
            "predicted_by", "annotated_by", RecordDocument.TEAM);

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final MetadataFields metadataFields;
    private final FacetsSearch facets;
    private final ObjectMapper json;

    public SearchService(DatasetStore datasets, RecordsIndex records, MetadataFields metadataFields, FacetsSearch facets,
            ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.metadataFields = metadataFields;
        this.facets = facets;
        this.json = json;
    }

    /**
     * A page of {@code request}'s records; with the aggregations of all of them when {@code aggregations} asks, or,
     * when it does not say, on the first page only (as Rubrix v0.1: {@code "aggregations": null} past it).
     */
    public Uni<SearchResults> search(String workspace, String name, Task task, SearchRequest request, int from, int limit,
            Boolean aggregations) {
        return search(workspace, name, task, request, from, limit, aggregations, false);
    }

    /**
     * As above; {@code multiSelect}: each facet counted over the records the other facets' filters select (what a
     * person ticking a second value needs), instead of over the query's records (Rubrix v0.1, the default).
     */
    public Uni<SearchResults> search(String workspace, String name, Task task, SearchRequest request, int from, int limit,
            Boolean aggregations, boolean multiSelect) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", limit + " is outside [0, " + MAX_LIMIT + "]");
        }
        if (from < 0 || (long) from + limit > MAX_WINDOW) {
            throw ApiException.badRequest("from", "from + limit must be within [0, " + MAX_WINDOW
                    + "]; page further with the cursor (next_cursor)");
        }
        SearchRequest search = request == null ? new SearchRequest(null, null, null) : request;
        RecordQuery query = search.queryOrAll().requireValid();
        RecordSort sort = search.recordSort();
        JsonNode after = search.cursor() == null ? null : Cursor.searchAfter(json, sort, search.cursor());
        if (after != null && from != 0) {
            throw ApiException.badRequest("from", "must be 0 with a cursor: the cursor is the position");
        }
        boolean withAggregations = aggregations != null ? aggregations : from == 0 && after == null;
        String index = records.name(workspace, name);
        // The descriptor (404 for another workspace's or an unknown dataset, the task check) is read while the
        // search runs: the index name holds the workspace, so the search cannot reach another workspace's records.
        Uni<SearchResults> searched = metadataFields.including(index, required(sort, query))
                .invoke(fields -> {
                    requireKnown(sort, fields);
                    requireNumeric(query, fields);
                })
                .chain(fields -> {
                    ObjectNode body = json.createObjectNode();
                    body.put("from", from).put("size", limit).put("track_total_hits", true);
                    body.put("seq_no_primary_term", true);
                    // internal fields (words alone doubles a record) are neither sent by Elasticsearch nor parsed here
                    INTERNAL_FIELDS.forEach(body.putObject("_source").putArray("excludes")::add);
                    body.set("query", query.toElasticsearch(task, json));
                    body.set("sort", sort.toElasticsearch(json));
                    if (after != null) {
                        body.set("search_after", after);
                    }
                    if (query.hasText()) {
                        body.set("highlight", Highlights.request(json, task));
                    }
                    if (!withAggregations) {
                        return records.searchForBytes(index, body).map(page -> results(page, 0, null, sort, limit));
                    }
                    return facets.counting(index, task, query, fields, multiSelect)
                            .chain(counting -> records.searchWithCached(index, body, counting.search())
                                    .map(both -> results(both.page(), both.pageStart(), counting.answer().apply(both.counts()), sort,
                                            limit)));
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(() -> new SearchResults(0, RawJson.EMPTY_ARRAY,
                        Aggregations.answer(json.createObjectNode(), List.of(), Map.of()), null));
        Uni<Void> allowed = datasets.require(workspace, name).invoke(dataset -> dataset.requireTask(task)).replaceWithVoid();
        return Uni.combine().all().unis(allowed, searched).with((ignored, results) -> results)
                .onFailure(ElasticsearchException::refusedQuery).transform(SearchService::asBadQuery);
    }

    /** The metadata fields the search names (sort keys, ranges): read the mapping again if one is not known yet. */
    private static List<String> required(RecordSort sort, RecordQuery query) {
        List<String> required = new ArrayList<>(sort.metadataFields());
        required.addAll(query.metadataRangeFields());
        return required;
    }

    private static void requireKnown(RecordSort sort, List<MetadataField> fields) {
        List<String> names = fields.stream().map(MetadataField::name).toList();
        sort.metadataFields().stream().filter(field -> !names.contains(field)).findFirst().ifPresent(field -> {
            throw ApiException.badRequest("sort", "metadata." + field + " is not a metadata field of this dataset");
        });
    }

    /** A range compares numbers: on a text field Elasticsearch would compare "10" and "9" as text. */
    private static void requireNumeric(RecordQuery query, List<MetadataField> fields) {
        for (String range : query.metadataRangeFields()) {
            MetadataField field = fields.stream().filter(known -> known.name().equals(range)).findFirst().orElse(null);
            if (field == null || !field.numeric()) {
                throw ApiException.badRequest("query.metadata." + range, "a range needs a numeric field; " + (field == null
                        ? "this dataset has no metadata field " + range
                        : range + " is a " + field.type() + " field in this dataset"));
            }
        }
    }

    private SearchResults results(byte[] answer, int pageStart, Map<String, Object> aggregations, RecordSort sort,
            int limit) {
        RecordsPage page;
        try {
            page = RecordsPage.read(json, answer, pageStart);
        } catch (IOException e) {
            throw new StorageUnavailable("Elasticsearch's search answer is unreadable: " + e.getMessage(), e);
        }
        String next = limit > 0 && page.count() == limit ? Cursor.after(json, sort, page.lastSort()) : null;
        return new SearchResults(page.total(), page.records(), aggregations, next);
    }

    /** Elasticsearch refused the query itself (e.g. a query_text that is not valid query syntax). */
    private static Throwable asBadQuery(Throwable failure) {
        return ApiException.badRequest("query", ((ElasticsearchException) failure).reason());
    }
}
