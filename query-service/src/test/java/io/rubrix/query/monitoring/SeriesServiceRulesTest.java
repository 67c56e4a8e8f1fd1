package io.rubrix.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/** The rules of a monitoring series, without Elasticsearch: the records and history indices answer JSON trees. */
@Tag("fast")
class SeriesServiceRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";
    private static final Instant TEN = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-28T11:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-28T10:30:00Z");

    private final ObjectMapper json = RubrixJson.newMapper();
    private final IndexLayout layout = new IndexLayout("rubrix");
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final RecordsIndex records = mock(RecordsIndex.class);
    private final HistoryIndex history = mock(HistoryIndex.class);
    private final SeriesService series = new SeriesService(datasets, records, history, json);

    @BeforeEach
    void aTextClassificationDatasetCreatedAtHalfPastTen() {
        when(records.name(anyString(), anyString()))
                .thenAnswer(call -> layout.recordsIndex(call.getArgument(0), call.getArgument(1)));
        when(datasets.require("team-a", "news")).thenReturn(Uni.createFrom().item(
                Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), CREATED)));
        when(history.search(any())).thenReturn(Uni.createFrom().item(tree("{'aggregations':{'series':{'buckets':["
                + "{'key':" + TEN.toEpochMilli() + ",'doc_count':2,'agents':{'buckets':[{'key':'ana','doc_count':2}]}}]}}}")));
    }

    @Test
    void withoutARequestOrWithABadIntervalIsRefusedNamingInterval() {
        assertThatThrownBy(() -> series.series("team-a", "news", Task.TextClassification, null))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.problem().errors())
                        .extracting(FieldError::field).containsExactly("interval"));
        assertThatThrownBy(() -> series(request(null, null, "5x"))).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("interval");
                assertThat(error.reason()).startsWith("'5x' is not an interval");
            });
        });
        verifyNoInteractions(datasets, records, history);
    }

    @Test
    void fromNotBeforeToIsRefusedNamingFrom() {
        for (String to : new String[] {"2026-11-28T10:00:00Z", "2026-11-28T09:00:00Z"}) {
            assertThatThrownBy(() -> series(request("2026-11-28T10:00:00Z", to, "1h"))).as("to %s", to)
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.problem().status()).isEqualTo(400);
                        assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("from");
                            assertThat(error.reason()).isEqualTo("must be before to");
                        });
                    });
        }
        assertThatThrownBy(() -> series(request("yesterday", null, "1h"))).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("from"));
        verifyNoInteractions(datasets, records, history);
    }

    @Test
    void tooManyBucketsAreRefusedNamingIntervalBeforeAnySearch() {
        assertThatThrownBy(() -> series(request("2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z", "30s")))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("interval");
                        assertThat(error.reason()).startsWith("30s makes about 2881 buckets").contains("at most 1000");
                    });
                });
        verify(records, never()).search(anyString(), any());
        verifyNoInteractions(history);
    }

    @Test
    void aThousandBucketsAreNotTooMany() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{}")));

        Series thousand = series(request("2026-11-28T00:00:00Z", "2026-11-28T16:39:00Z", "1m"));

        assertThat(thousand.buckets()).isEmpty();
        assertThat(thousand.from()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void aDatasetWithoutEventsIsAnEmptySeriesWithoutReadingTheHistory() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'aggregations':{'range':"
                + "{'count':0,'min':null,'max':null}}}")));

        Series empty = series(request(null, null, "1h"));

        assertThat(empty.interval()).isEqualTo("1h");
        assertThat(empty.buckets()).isEmpty();
        assertThat(empty.from()).isNull();
        assertThat(empty.to()).isNull();
        verify(records, times(1)).search(eq(INDEX), any());
        verifyNoInteractions(history);
    }

    @Test
    void aDatasetWithoutRecordsIndexYetIsAnEmptySeriesOverTheRangeAsked() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(
                new ElasticsearchException(404, null, "no such index")));

        Series empty = series(request("2026-11-28T10:00:00Z", null, "1h"));

        assertThat(empty.buckets()).isEmpty();
        assertThat(empty.from()).isEqualTo(TEN);
        assertThat(empty.to()).isNull();
    }

    @Test
    void aDatasetOfAnotherTaskIsRefused() {
        assertThatThrownBy(() -> series.series("team-a", "news", Task.TokenClassification, request(null, null, "1h"))
                .await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().detail()).contains("TextClassification", "TokenClassification");
                });
        verify(records, never()).search(anyString(), any());
    }

    @Test
    void theDataBoundsMakeTheRangeAndEachBucketCarriesItsPredictionsAndLabelling() {
        long lastEvent = Instant.parse("2026-11-28T11:30:00Z").toEpochMilli();
        when(records.search(eq(INDEX), any())).thenAnswer(call -> {
            JsonNode body = call.getArgument(1);
            if (body.path("aggs").has("range")) {
                return Uni.createFrom().item(tree("{'aggregations':{'range':{'count':5,'min':" + TEN.toEpochMilli()
                        + ",'max':" + lastEvent + "}}}"));
            }
            return Uni.createFrom().item(tree("{'aggregations':{'series':{'buckets':["
                    + "{'key':" + TEN.toEpochMilli() + ",'doc_count':3,"
                    + "'predicted_as':{'buckets':[{'key':'sports','doc_count':2},{'key':'politics','doc_count':1}]},"
                    + "'predicted_by':{'buckets':[{'key':'model','doc_count':3}]},"
                    + "'confidence':{'value':0.812345},'percentiles':{'values':{'50.0':0.8,'90.0':0.95,'99.0':0.99}},"
                    + "'predicted':{'buckets':[{'key':'ok','doc_count':1},{'key':'ko','doc_count':1}]},"
                    + "'annotated':{'doc_count':2}},"
                    + "{'key':" + ELEVEN.toEpochMilli() + ",'doc_count':0,'predicted_as':{'buckets':[]},"
                    + "'predicted_by':{'buckets':[]},'confidence':{'value':null},'percentiles':{'values':{}},"
                    + "'predicted':{'buckets':[]},'annotated':{'doc_count':0}}]}}}"));
        });

        Series found = series(request(null, null, "1h"));

        assertThat(found.from()).isEqualTo(TEN);
        assertThat(found.to()).as("the last event included").isEqualTo(Instant.ofEpochMilli(lastEvent + 1));
        assertThat(found.buckets()).hasSize(2);
        Series.Bucket ten = found.buckets().get(0);
        assertThat(ten.time()).isEqualTo(TEN);
        assertThat(ten.count()).isEqualTo(3);
        assertThat(ten.predictedAs()).containsExactly(Map.entry("sports", 2L), Map.entry("politics", 1L));
        assertThat(ten.predictedBy()).containsExactly(Map.entry("model", 3L));
        assertThat(ten.confidence()).isEqualTo(new Series.Confidence(0.8123, 0.8, 0.95, 0.99));
        assertThat(ten.ok()).isEqualTo(1);
        assertThat(ten.ko()).isEqualTo(1);
        assertThat(ten.okShare()).isEqualTo(0.5);
        assertThat(ten.annotated()).isEqualTo(2);
        assertThat(ten.labelled()).isEqualTo(2);
        assertThat(ten.labelledBy()).containsExactly(Map.entry("ana", 2L));
        Series.Bucket eleven = found.buckets().get(1);
        assertThat(eleven.confidence()).as("an empty bucket has no confidence").isNull();
        assertThat(eleven.okShare()).isNull();
        assertThat(eleven.labelled()).isZero();
        assertThat(eleven.labelledBy()).isEmpty();

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(records, times(2)).search(eq(INDEX), sent.capture());
        JsonNode histogram = (JsonNode) sent.getAllValues().get(1);
        assertThat(histogram.path("query").path("bool").path("filter").path(0).path("range").path("event_timestamp"))
                .isEqualTo(tree("{'gte':" + TEN.toEpochMilli() + ",'lt':" + (lastEvent + 1) + ",'format':'epoch_millis'}"));
        JsonNode dates = histogram.path("aggs").path("series").path("date_histogram");
        assertThat(dates.path("fixed_interval").asText()).isEqualTo("1h");
        assertThat(dates.path("extended_bounds")).isEqualTo(tree("{'min':" + TEN.toEpochMilli() + ",'max':" + lastEvent + "}"));
    }

    @Test
    void labellingIsCountedOnlySinceTheDatasetWasCreatedInItsWorkspaceAndWithoutComments() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{}")));

        series(request("2026-11-28T10:00:00Z", "2026-11-28T12:00:00Z", "1h"));

        ArgumentCaptor<JsonNode> sent = ArgumentCaptor.forClass(JsonNode.class);
        verify(history).search(sent.capture());
        assertThat(sent.getValue().path("query").path("bool").path("filter")).isEqualTo(tree("["
                + "{'term':{'workspace':'team-a'}},{'term':{'dataset':'news'}},"
                + "{'terms':{'action':['annotate','import','delete','review']}},"
                + "{'range':{'at':{'gte':" + CREATED.toEpochMilli() + ",'lt':" + Instant.parse("2026-11-28T12:00:00Z")
                        .toEpochMilli() + ",'format':'epoch_millis'}}}]"));
        assertThat(sent.getValue().path("aggs").path("series").path("date_histogram").path("fixed_interval").asText())
                .isEqualTo("1h");
        verify(records, times(1)).search(eq(INDEX), any());
    }

    @Test
    void calendarIntervalsGoAsCalendarIntervals() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{}")));

        series(request("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "month"));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(records).search(eq(INDEX), sent.capture());
        JsonNode dates = ((JsonNode) sent.getValue()).path("aggs").path("series").path("date_histogram");
        assertThat(dates.path("calendar_interval").asText()).isEqualTo("1M");
        assertThat(dates.has("fixed_interval")).isFalse();
    }

    private Series series(SeriesRequest request) {
        return series.series("team-a", "news", Task.TextClassification, request).await().atMost(Duration.ofSeconds(5));
    }

    private static SeriesRequest request(String from, String to, String interval) {
        return new SeriesRequest(null, from, to, interval);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
