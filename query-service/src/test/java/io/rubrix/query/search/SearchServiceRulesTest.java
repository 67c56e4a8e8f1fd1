package io.rubrix.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/** The rules of a search, without Elasticsearch: the stores answer small JSON trees. */
@Tag("fast")
class SearchServiceRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final IndexLayout layout = new IndexLayout("rubrix");
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final RecordsIndex records = mock(RecordsIndex.class);
    private final SearchService search = new SearchService(datasets, records, new MetadataFields(records),
            new FacetsSearch(records, json), json);

    @BeforeEach
    void aTextClassificationDatasetWithOneMetadataField() {
        // the page and the facets go in one request: answered here as the two searches are, and counted as them
        when(records.searchWithCached(anyString(), any(), any())).thenAnswer(call -> Uni.combine().all()
                .unis(records.searchForBytes(call.getArgument(0), call.getArgument(1)),
                        records.searchCached(call.getArgument(0), call.getArgument(2)))
                .with((page, counts) -> new RecordsIndex.PageAndCounts(page, 0, counts)));
        when(records.name(anyString(), anyString()))
                .thenAnswer(call -> layout.recordsIndex(call.getArgument(0), call.getArgument(1)));
        when(datasets.require("team-a", "news")).thenReturn(Uni.createFrom().item(
                Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now())));
        when(records.mapping(INDEX)).thenReturn(Uni.createFrom().item(tree("{'" + INDEX + "':{'mappings':{'properties':"
                + "{'metadata':{'properties':{'source':{'type':'keyword'},'notes':{'type':'text'}}}}}}}")));
        when(records.searchForBytes(eq(INDEX), any())).thenReturn(answer(hits(2, hit("r1", 7), hit("r2", 8))));
        when(records.searchCached(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'aggregations':{"
                + "'status':{'buckets':[{'key':'Default','doc_count':2}]},"
                + "'confidence':{'buckets':[{'key':0.9,'doc_count':1},{'key':0.95,'doc_count':2},{'key':1.0,'doc_count':3}]},"
                + "'metadata_0':{'buckets':[{'key':'web','doc_count':2}]}}}")));
    }

    @Test
    void aLimitOutside0To1000IsRefusedNamingLimitBeforeAnyRead() {
        for (int limit : new int[] {-1, SearchService.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> search(null, 0, limit, null)).as("limit %d", limit)
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.problem().status()).isEqualTo(400);
                        assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("limit");
                        assertThat(refused.problem().detail()).contains(limit + " is outside [0, 1000]");
                    });
        }
        verifyNoInteractions(records, datasets);
    }

    @Test
    void aPageBeyondTheWindowIsRefusedNamingFromAndPointingToTheCursor() {
        assertThatThrownBy(() -> search(null, 9_001, 1_000, null)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("from");
                assertThat(error.reason()).contains("10000").contains("cursor");
            });
        });
        assertThatThrownBy(() -> search(null, -1, 10, null)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("from"));
        verifyNoInteractions(records, datasets);

        SearchResults last = search(null, 9_000, 1_000, null);

        assertThat(last.total()).isEqualTo(2);
        assertThat(sentBody().path("from").asInt()).isEqualTo(9_000);
        assertThat(sentBody().path("size").asInt()).isEqualTo(1_000);
    }

    @Test
    void aFromNearTheLargestIntegerIsRefusedNamingFrom() {
        assertThatThrownBy(() -> search(null, Integer.MAX_VALUE, 1, null)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("from"));
        verifyNoInteractions(records, datasets);
    }

    @Test
    void theNextCursorOfAFullPageContinuesAfterItsLastRecordWithoutAggregations() throws Exception {
        SearchResults first = search(null, 0, 2, null);
        assertThat(first.nextCursor()).isNotNull();

        SearchResults second = search(new SearchRequest(null, null, first.nextCursor()), 0, 2, null);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Object> bodies = ArgumentCaptor.forClass(Object.class);
        verify(records, times(2)).searchForBytes(eq(INDEX), bodies.capture());
        JsonNode continued = (JsonNode) bodies.getAllValues().get(1);
        assertThat(continued.path("search_after")).isEqualTo(tree("[0.5,'r2']"));
        assertThat(continued.path("from").asInt()).isZero();
        assertThat(second.aggregations()).isNull();
        verify(records, times(1)).searchCached(eq(INDEX), any());
    }

    @Test
    void aCursorWithFromOtherThan0IsRefusedNamingFrom() {
        String cursor = search(null, 0, 2, null).nextCursor();

        assertThatThrownBy(() -> search(new SearchRequest(null, null, cursor), 50, 2, null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("from");
                        assertThat(error.reason()).isEqualTo("must be 0 with a cursor: the cursor is the position");
                    });
                });
    }

    @Test
    void aPageShorterThanTheLimitHasNoNextCursor() {
        assertThat(search(null, 0, 3, null).nextCursor()).isNull();
        assertThat(search(null, 0, 0, null).nextCursor()).isNull();
    }

    @Test
    void sortingByAMetadataFieldTheDatasetLacksIsRefusedNamingSort() {
        SearchRequest bySize = new SearchRequest(null, List.of(new SearchRequest.SortField("metadata.size", "desc")), null);

        assertThatThrownBy(() -> search(bySize, 0, 10, null)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("sort");
                assertThat(error.reason()).isEqualTo("metadata.size is not a metadata field of this dataset");
            });
        });
        verify(records, never()).search(anyString(), any());
    }

    @Test
    void sortingByAMetadataFieldOfTheDatasetSortsByItThenById() {
        SearchRequest bySource = new SearchRequest(null, List.of(new SearchRequest.SortField("metadata.source", "desc")),
                null);

        search(bySource, 0, 10, null);

        assertThat(sentBody().path("sort")).isEqualTo(tree("[{'metadata.source':{'order':'desc','missing':'_last'}},"
                + "{'id':{'order':'asc','missing':'_last'}}]"));
    }

    @Test
    void multiSelectFacetsCountEachFacetOverTheOtherFacetsFiltersOnly() throws Exception {
        when(records.searchCached(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'aggregations':{"
                + "'status':{'doc_count':5,'values':{'buckets':[{'key':'Default','doc_count':3},{'key':'Validated','doc_count':2}]}},"
                + "'metadata_0':{'doc_count':2,'values':{'buckets':[{'key':'web','doc_count':2},{'key':'mail','doc_count':1}]}}}}")));
        RecordQuery query = json.readValue("{'query_text':'match','status':['Validated'],'metadata':{'source':'web'}}"
                .replace('\'', '"'), RecordQuery.class);

        SearchResults first = search.search("team-a", "news", Task.TextClassification, new SearchRequest(query, null, null),
                0, 10, null, true).await().atMost(Duration.ofSeconds(5));

        ArgumentCaptor<Object> facets = ArgumentCaptor.forClass(Object.class);
        verify(records).searchCached(eq(INDEX), facets.capture());
        JsonNode asked = (JsonNode) facets.getValue();
        assertThat(asked.path("query").toString()).contains("match").doesNotContain("Validated").doesNotContain("web");
        String statusFilter = asked.path("aggs").path("status").path("filter").toString();
        assertThat(statusFilter).contains("metadata.source").doesNotContain("Validated");
        String sourceFilter = asked.path("aggs").path("metadata_0").path("filter").toString();
        assertThat(sourceFilter).contains("Validated").doesNotContain("metadata.source");
        assertThat(asked.path("aggs").path("words").path("filter").toString()).contains("Validated", "metadata.source");
        assertThat(first.aggregations()).containsEntry("status", Map.of("Default", 3L, "Validated", 2L))
                .containsEntry("metadata", Map.of("source", Map.of("web", 2L, "mail", 1L)));
        assertThat(sentBody().path("query").toString()).as("the page's records follow every filter")
                .contains("Validated", "metadata.source");
    }

    @Test
    void aNumericMetadataFieldGetsARangeFacetWithAHistogramOverTheDatasetsOwnRange() {
        numericFields();

        SearchResults first = search(null, 0, 10, null);

        ArgumentCaptor<Object> cached = ArgumentCaptor.forClass(Object.class);
        verify(records, times(2)).searchCached(eq(INDEX), cached.capture());
        JsonNode bounds = (JsonNode) cached.getAllValues().get(0);
        assertThat(bounds.has("query")).as("the dataset's range: every record").isFalse();
        assertThat(bounds.path("aggs").path("metadata_stats_1").path("stats").path("field").asText()).isEqualTo("metadata.price");
        assertThat(bounds.path("aggs").has("metadata_stats_0")).as("a keyword has no range").isFalse();
        JsonNode facets = ((JsonNode) cached.getAllValues().get(1)).path("aggs");
        assertThat(facets.path("metadata_histogram_1").path("histogram")).isEqualTo(tree("{'field':'metadata.price',"
                + "'interval':1.0,'offset':0.5,'min_doc_count':0,'extended_bounds':{'min':0.5,'max':11.5},"
                + "'hard_bounds':{'min':-1.5,'max':14.5}}"));
        assertThat(facets.path("metadata_stats_2").path("stats").path("field").asText()).isEqualTo("metadata.pages");
        assertThat(facets.path("metadata_1").path("terms").path("field").asText()).as("v0.1's value counts stay")
                .isEqualTo("metadata.price");

        @SuppressWarnings("unchecked")
        Map<String, RangeFacet> ranges = (Map<String, RangeFacet>) first.aggregations().get("metadata_ranges");
        assertThat(ranges).containsOnlyKeys("price", "pages");
        RangeFacet price = ranges.get("price");
        assertThat(price.min()).isEqualTo(0.5);
        assertThat(price.max()).isEqualTo(6.5);
        assertThat(price.count()).isEqualTo(2);
        assertThat(price.histogram()).hasSize(12).first().isEqualTo(new RangeFacet.Bucket(0.5, 1.5, 1));
        assertThat(price.histogram().get(6)).isEqualTo(new RangeFacet.Bucket(6.5, 7.5, 1));
        assertThat(price.histogram().get(11)).isEqualTo(new RangeFacet.Bucket(11.5, 12.5, 0));
        assertThat(ranges.get("pages")).as("no record counted has pages: no min or max, the dataset's buckets empty")
                .isEqualTo(new RangeFacet(null, null, 0, List.of(new RangeFacet.Bucket(1L, 2L, 0),
                        new RangeFacet.Bucket(2L, 3L, 0), new RangeFacet.Bucket(3L, 4L, 0))));
    }

    @Test
    void withMultiSelectFacetsARangeFacetCountsOverTheOtherFacetsFiltersOnly() throws Exception {
        numericFields();
        RecordQuery query = json.readValue("{'status':['Validated'],'metadata':{'price':{'gte':1,'lt':5}}}"
                .replace('\'', '"'), RecordQuery.class);

        search.search("team-a", "news", Task.TextClassification, new SearchRequest(query, null, null), 0, 10, null, true)
                .await().atMost(Duration.ofSeconds(5));

        ArgumentCaptor<Object> cached = ArgumentCaptor.forClass(Object.class);
        verify(records, times(2)).searchCached(eq(INDEX), cached.capture());
        JsonNode facets = ((JsonNode) cached.getAllValues().get(1)).path("aggs");
        for (String ownRange : List.of("metadata_stats_1", "metadata_histogram_1", "metadata_1")) {
            assertThat(facets.path(ownRange).path("filter").toString()).as(ownRange).contains("Validated")
                    .doesNotContain("metadata.price");
            assertThat(facets.path(ownRange).path("aggs").has("values")).isTrue();
        }
        assertThat(facets.path("metadata_stats_2").path("filter").toString()).contains("Validated")
                .contains("{\"range\":{\"metadata.price\":{\"gte\":1,\"lt\":5}}}");
        assertThat(facets.path("status").path("filter").toString()).contains("metadata.price").doesNotContain("Validated");
        assertThat(sentBody().path("query").toString()).as("the page's records follow every filter")
                .contains("Validated", "metadata.price");
    }

    @Test
    void aRangeOnAFieldWithoutNumbersIsRefusedNamingItBeforeAnySearch() throws Exception {
        numericFields();
        for (String field : List.of("source", "colour")) {
            SearchRequest range = new SearchRequest(json.readValue("{\"metadata\":{\"" + field + "\":{\"gte\":1}}}",
                    RecordQuery.class), null, null);

            assertThatThrownBy(() -> search(range, 0, 10, null)).isInstanceOfSatisfying(ApiException.class, refused -> {
                assertThat(refused.problem().status()).isEqualTo(400);
                assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("query.metadata." + field);
                    assertThat(error.reason()).startsWith("a range needs a numeric field; ");
                });
            });
        }
        verify(records, never()).search(anyString(), any());
        verify(records, never()).searchCached(anyString(), any());
    }

    /** source (keyword), price (float, 0.5 to 12.5 in the dataset) and pages (long, 1 to 3). */
    private void numericFields() {
        when(records.mapping(INDEX)).thenReturn(Uni.createFrom().item(tree("{'" + INDEX + "':{'mappings':{'properties':"
                + "{'metadata':{'properties':{'source':{'type':'keyword'},'price':{'type':'float'},'pages':{'type':'long'}}}}}}}")));
        JsonNode bounds = tree("{'aggregations':{'metadata_stats_1':{'count':4,'min':0.5,'max':12.5},"
                + "'metadata_stats_2':{'count':4,'min':1.0,'max':3.0}}}");
        JsonNode counts = tree("{'aggregations':{"
                + "'metadata_stats_1':{'count':2,'min':0.5,'max':6.5},"
                + "'metadata_histogram_1':{'buckets':[{'key':0.5,'doc_count':1},{'key':6.5,'doc_count':1}]},"
                + "'metadata_stats_2':{'count':0,'min':null,'max':null},'metadata_histogram_2':{'buckets':[]}}}");
        JsonNode multiCounts = tree("{'aggregations':{"
                + "'metadata_stats_1':{'doc_count':2,'values':{'count':2,'min':0.5,'max':6.5}}}}");
        when(records.searchCached(eq(INDEX), any())).thenAnswer(call -> {
            JsonNode body = call.getArgument(1);
            JsonNode answer = !body.has("query") ? bounds
                    : body.path("aggs").path("status").has("filter") ? multiCounts : counts;
            return Uni.createFrom().item(answer);
        });
    }

    @Test
    void theHistogramEdgesAreReadOnceForSearchesInARowAndAgainWhenTheFieldsChange() {
        numericFields();
        search(null, 0, 10, null);
        search(request("{'query':{'predicted_as':['spam']}}"), 0, 10, null);

        ArgumentCaptor<Object> cached = ArgumentCaptor.forClass(Object.class);
        verify(records, times(3)).searchCached(eq(INDEX), cached.capture());
        assertThat(cached.getAllValues()).filteredOn(body -> !((JsonNode) body).has("query"))
                .as("one search of the dataset's ranges, two of facets").hasSize(1);

        when(records.mapping(INDEX)).thenReturn(Uni.createFrom().item(tree("{'" + INDEX + "':{'mappings':{'properties':"
                + "{'metadata':{'properties':{'price':{'type':'float'},'pages':{'type':'long'},'year':{'type':'long'}}}}}}}")));
        search(request("{'query':{'metadata':{'year':{'gte':2000}}}}"), 0, 10, null); // a field not known yet
        ArgumentCaptor<Object> all = ArgumentCaptor.forClass(Object.class);
        verify(records, times(5)).searchCached(eq(INDEX), all.capture());
        assertThat(all.getAllValues()).filteredOn(body -> !((JsonNode) body).has("query"))
                .as("the ranges read again for the new fields").hasSize(2);
    }

    @Test
    void facetCountsAreAskedAsQueryOrMultiAndAnythingElseIsRefusedNamingFacets() {
        assertThat(FacetCounts.multiSelect(null)).isFalse();
        assertThat(FacetCounts.multiSelect("query")).isFalse();
        assertThat(FacetCounts.multiSelect("multi")).isTrue();
        assertThatThrownBy(() -> FacetCounts.multiSelect("each")).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("facets"));
    }

    @Test
    void aMetadataKeyNoAggregationNameMayHoldIsStillAFacet() {
        when(records.mapping(INDEX)).thenReturn(Uni.createFrom().item(tree("{'" + INDEX + "':{'mappings':{'properties':"
                + "{'metadata':{'properties':{'a>b':{'type':'keyword'},'a[0]':{'type':'keyword'}}}}}}}")));
        when(records.searchCached(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'aggregations':{"
                + "'metadata_0':{'buckets':[{'key':'x','doc_count':1}]},'metadata_1':{'buckets':[{'key':'y','doc_count':2}]}}}")));

        SearchResults first = search(null, 0, 10, null);

        ArgumentCaptor<Object> facets = ArgumentCaptor.forClass(Object.class);
        verify(records).searchCached(eq(INDEX), facets.capture());
        JsonNode aggs = ((JsonNode) facets.getValue()).path("aggs");
        aggs.fieldNames().forEachRemaining(name -> assertThat(name).doesNotContain("[", "]", ">"));
        assertThat(first.aggregations().get("metadata")).isEqualTo(Map.of("a>b", Map.of("x", 1L), "a[0]", Map.of("y", 2L)));
    }

    @Test
    void theFirstPageAsksForTheFacetsInACachedSearchOfTheirOwn() {
        SearchResults first = search(null, 0, 10, null);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Object> facets = ArgumentCaptor.forClass(Object.class);
        verify(records).searchCached(eq(INDEX), facets.capture());
        JsonNode asked = (JsonNode) facets.getValue();
        assertThat(asked.path("size").asInt()).isZero();
        assertThat(asked.path("query")).isEqualTo(sentBody().path("query"));
        assertThat(asked.path("aggs").path("metadata_0").path("terms").path("field").asText()).isEqualTo("metadata.source");
        assertThat(asked.path("aggs").has("metadata_1")).as("a text field is no facet").isFalse();
        assertThat(sentBody().has("aggs")).as("the page itself asks for none").isFalse();
        assertThat(first.aggregations()).containsEntry("status", Map.of("Default", 2L))
                .containsEntry("metadata", Map.of("source", Map.of("web", 2L)));
        assertThat(first.aggregations().get("confidence")).as("confidence 1.0 counts in the last bucket")
                .isEqualTo(Map.of("0.9", 1L, "0.95", 5L));
    }

    @Test
    void laterPagesHaveNoAggregationsUnlessAsked() {
        SearchResults second = search(null, 10, 10, null);

        assertThat(second.aggregations()).isNull();
        assertThat(records(second)).hasSize(2);
        verify(records, never()).searchCached(anyString(), any());

        SearchResults asked = search(null, 10, 10, true);

        assertThat(asked.aggregations()).containsKey("status");
        verify(records).searchCached(eq(INDEX), any());
    }

    @Test
    void theFirstPageHasNoAggregationsWhenTheRequestSaysSo() {
        assertThat(search(null, 0, 10, false).aggregations()).isNull();
        verify(records, never()).searchCached(anyString(), any());
    }

    @Test
    void aDatasetOfAnotherTaskIsRefusedNamingBoth() {
        assertThatThrownBy(() -> search.search("team-a", "news", Task.TokenClassification, null, 0, 10, null)
                .await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("task");
                    assertThat(refused.problem().detail()).contains("TextClassification", "TokenClassification");
                });
    }

    @Test
    void anUnknownDatasetIsA404EvenThoughItsMissingIndexAnswersNothing() {
        when(datasets.require("team-a", "gone")).thenReturn(Uni.createFrom().failure(
                ApiException.notFound("Dataset 'gone' not found in workspace 'team-a'")));
        when(records.mapping("rubrix.records.team-a.gone")).thenReturn(Uni.createFrom().failure(missingIndex()));

        assertThatThrownBy(() -> search.search("team-a", "gone", Task.TextClassification, null, 0, 10, null)
                .await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(ApiException.class, missing -> {
                    assertThat(missing.problem().status()).isEqualTo(404);
                    assertThat(missing.problem().detail()).contains("'gone'");
                });
    }

    @Test
    void aDatasetWithoutARecordsIndexYetAnswersAnEmptyResult() {
        when(records.mapping(INDEX)).thenReturn(Uni.createFrom().failure(missingIndex()));

        SearchResults empty = search(null, 0, 10, null);

        assertThat(empty.total()).isZero();
        assertThat(records(empty)).isEmpty();
        assertThat(empty.nextCursor()).isNull();
        assertThat(empty.aggregations()).containsEntry("status", Map.of()).containsEntry("metadata", Map.of());
    }

    @Test
    void aRecordsIndexDeletedBetweenTheMappingAndTheSearchAnswersAnEmptyResultToo() {
        when(records.searchForBytes(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(missingIndex()));

        SearchResults empty = search(null, 10, 10, null);

        assertThat(empty.total()).isZero();
        assertThat(records(empty)).isEmpty();
    }

    @Test
    void aQueryElasticsearchRefusesIsA400NamingTheQueryWithItsReason() throws Exception {
        when(records.searchForBytes(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(new ElasticsearchException(400,
                tree("{'error':{'root_cause':[{'type':'query_shard_exception','reason':'Failed to parse query [news AND]',"
                        + "'index':'" + INDEX + "'}],'type':'search_phase_execution_exception','reason':'all shards failed'}}"),
                "refused")));
        SearchRequest text = new SearchRequest(json.readValue("{\"query_text\":\"news AND\"}",
                RecordQuery.class), null, null);

        assertThatThrownBy(() -> search(text, 10, 10, null)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("query");
                assertThat(error.reason()).isEqualTo("Failed to parse query [news AND]");
            });
        });
    }

    @Test
    void aClosedDatasetIsNoBadQuery() {
        ElasticsearchException closed = new ElasticsearchException(400,
                tree("{'error':{'type':'index_closed_exception','reason':'closed'}}"), "closed");
        when(records.searchForBytes(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(closed));

        assertThatThrownBy(() -> search(null, 10, 10, null)).isSameAs(closed);
    }

    @Test
    void anInvalidQueryIsRefusedBeforeAnyRead() throws Exception {
        SearchRequest outOfRange = new SearchRequest(json.readValue("{\"confidence\":{\"from\":1.5}}",
                RecordQuery.class), null, null);

        assertThatThrownBy(() -> search(outOfRange, 0, 10, null)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.problem().errors()).extracting(FieldError::field)
                        .containsExactly("query.confidence.from"));
        verifyNoInteractions(records, datasets);
    }

    @Test
    void theSearchLeavesOutTheInternalFieldsAndHitsGainTheirVersionAndHighlights() throws Exception {
        // as Elasticsearch answers: the internal fields left out of the source by the search's own excludes
        JsonNode hit = tree("{'_id':'r1','_seq_no':7,'_primary_term':3,'sort':[1.2,'r1'],'_source':{'id':'r1',"
                + "'inputs':{'text':'a match'},'status':'Default'},"
                + "'highlight':{'inputs.text':['a <mark>match</mark>'],'inputs.text.keyword':['a match']}}");
        when(records.searchForBytes(eq(INDEX), any())).thenReturn(answer(hits(1, hit)));
        SearchRequest text = new SearchRequest(json.readValue("{\"query_text\":\"match\"}",
                RecordQuery.class), null, null);

        SearchResults found = search(text, 0, 10, null);

        assertThat(records(found)).singleElement().isEqualTo(tree("{'id':'r1','inputs':{'text':'a match'},"
                + "'status':'Default','version':'3.7','highlight':{'inputs.text':'a <mark>match</mark>'}}"));
        JsonNode sent = sentBody();
        assertThat(sent.path("_source").path("excludes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(SearchService.INTERNAL_FIELDS);
        assertThat(sent.path("highlight").path("fields").has("inputs.*")).isTrue();
        assertThat(sent.path("track_total_hits").asBoolean()).isTrue();
        assertThat(sent.path("seq_no_primary_term").asBoolean()).isTrue();
    }

    @Test
    void withoutQueryTextNoHighlightIsAskedFor() {
        search(null, 0, 10, null);

        assertThat(sentBody().has("highlight")).isFalse();
        assertThat(sentBody().path("query")).isEqualTo(tree("{'match_all':{}}"));
    }

    private SearchResults search(SearchRequest request, int from, int limit, Boolean aggregations) {
        return search.search("team-a", "news", Task.TextClassification, request, from, limit, aggregations)
                .await().atMost(Duration.ofSeconds(5));
    }

    private JsonNode sentBody() {
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(records, atLeastOnce()).searchForBytes(eq(INDEX), body.capture());
        return (JsonNode) body.getValue();
    }

    private JsonNode records(SearchResults results) {
        try {
            return json.readTree(results.records().text());
        } catch (IOException e) {
            throw new IllegalArgumentException(results.records().text(), e);
        }
    }

    private Uni<byte[]> answer(JsonNode answer) {
        try {
            return Uni.createFrom().item(json.writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode hits(long total, JsonNode... hits) {
        JsonNode answer = tree("{'hits':{'total':{'value':" + total + "},'hits':[]}}");
        for (JsonNode hit : hits) {
            ((ArrayNode) answer.path("hits").path("hits")).add(hit);
        }
        return answer;
    }

    private JsonNode hit(String id, long seqNo) {
        return tree("{'_id':'" + id + "','_seq_no':" + seqNo + ",'_primary_term':1,'sort':[0.5,'" + id + "'],"
                + "'_source':{'id':'" + id + "','inputs':{'text':'t'},'status':'Default'}}");
    }

    private static ElasticsearchException missingIndex() {
        return new ElasticsearchException(404, null, "no such index");
    }

    private SearchRequest request(String text) {
        try {
            return json.treeToValue(tree(text), SearchRequest.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
