package io.rubrix.query.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.query.summary.DatasetSummary.LabelQuality;
import io.smallrye.mutiny.Uni;

/** The rules of the annotation sidebar's summary, without Elasticsearch: the records index answers a JSON tree. */
@Tag("fast")
class SummaryServiceRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final IndexLayout layout = new IndexLayout("rubrix");
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final RecordsIndex records = mock(RecordsIndex.class);
    private final SummaryService summaries = new SummaryService(datasets, records, json);

    @BeforeEach
    void aTextClassificationDataset() {
        when(records.name(anyString(), anyString()))
                .thenAnswer(call -> layout.recordsIndex(call.getArgument(0), call.getArgument(1)));
        when(datasets.require("team-a", "news")).thenReturn(Uni.createFrom().item(
                Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now())));
    }

    @Test
    void qualityPerLabelIsCountedFromThePredictedByAnnotatedMatrix() {
        // sports predicted 4 times (3 annotated sports), politics twice (1 annotated politics); weather annotated once,
        // never predicted.
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'hits':{'total':{'value':9}},"
                + "'aggregations':{'status':{'buckets':[{'key':'Validated','doc_count':6},{'key':'Default','doc_count':3}]},"
                + "'annotated_as':{'buckets':[{'key':'sports','doc_count':4},{'key':'politics','doc_count':2}]},"
                + "'quality':{'doc_count':6,"
                + "'predicted':{'buckets':[{'key':'ok','doc_count':4},{'key':'ko','doc_count':2}]},"
                + "'annotated_as':{'buckets':[{'key':'sports','doc_count':4},{'key':'politics','doc_count':2},"
                + "{'key':'weather','doc_count':1}]},"
                + "'predicted_as':{'buckets':["
                + "{'key':'sports','doc_count':4,'annotated_as':{'buckets':[{'key':'sports','doc_count':3},"
                + "{'key':'politics','doc_count':1}]}},"
                + "{'key':'politics','doc_count':2,'annotated_as':{'buckets':[{'key':'politics','doc_count':1},"
                + "{'key':'sports','doc_count':1}]}}]}}}}")));

        DatasetSummary summary = summarize(null);

        assertThat(summary.total()).isEqualTo(9);
        assertThat(summary.status()).containsExactly(Map.entry("Default", 3L), Map.entry("Edited", 0L),
                Map.entry("Discarded", 0L), Map.entry("Validated", 6L));
        assertThat(summary.annotatedAs()).containsExactly(Map.entry("sports", 4L), Map.entry("politics", 2L));
        assertThat(summary.quality().ok()).isEqualTo(4);
        assertThat(summary.quality().ko()).isEqualTo(2);
        assertThat(summary.quality().labels()).containsExactly(
                Map.entry("politics", new LabelQuality(0.5, 0.5, 0.5, 1, 2, 2)),
                Map.entry("sports", new LabelQuality(0.75, 0.75, 0.75, 3, 4, 4)),
                Map.entry("weather", new LabelQuality(0, 0, 0, 0, 0, 1)));
        assertThat(summary.quality().macroF1()).isEqualTo(0.4167);
    }

    @Test
    void oneRequestAsksForTheStatusTheLabelsAndTheMatrixOfRecordsWithAPrediction() throws Exception {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().item(tree("{'hits':{'total':{'value':0}}}")));

        summarize(new SummaryRequest(json.readValue("{\"status\":[\"Validated\"]}", RecordQuery.class)));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(records).search(eq(INDEX), sent.capture());
        JsonNode body = (JsonNode) sent.getValue();
        assertThat(body.path("size").asInt()).isZero();
        assertThat(body.path("track_total_hits").asBoolean()).isTrue();
        assertThat(body.path("query").toString()).contains("Validated");
        assertThat(body.path("aggs").path("quality").path("filter")).isEqualTo(tree("{'exists':{'field':'predicted'}}"));
        assertThat(body.path("aggs").path("quality").path("aggs").path("predicted_as").path("aggs").path("annotated_as")
                .path("terms").path("field").asText()).isEqualTo("annotated_as");
        assertThat(body.path("aggs").path("status").path("terms").path("size").asInt()).isEqualTo(4);
    }

    @Test
    void aDatasetWithoutRecordsIndexYetIsSummarizedAsEmpty() {
        when(records.search(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(
                new ElasticsearchException(404, null, "no such index")));

        DatasetSummary summary = summarize(null);

        assertThat(summary.total()).isZero();
        assertThat(summary.status()).containsOnlyKeys("Default", "Edited", "Discarded", "Validated")
                .allSatisfy((status, count) -> assertThat(count).isZero());
        assertThat(summary.annotatedAs()).isEmpty();
        assertThat(summary.quality().labels()).isEmpty();
        assertThat(summary.quality().macroF1()).isZero();
    }

    @Test
    void aDatasetOfAnotherTaskIsRefusedWithoutSearching() {
        assertThatThrownBy(() -> summaries.summarize("team-a", "news", Task.Text2Text, null)
                .await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().detail()).contains("TextClassification", "Text2Text");
                });
        verify(records, never()).search(anyString(), any());
    }

    @Test
    void anUnknownDatasetIsA404WithoutSearching() {
        when(datasets.require("team-a", "gone")).thenReturn(Uni.createFrom().failure(
                ApiException.notFound("Dataset 'gone' not found in workspace 'team-a'")));

        assertThatThrownBy(() -> summaries.summarize("team-a", "gone", Task.TextClassification, null)
                .await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(ApiException.class,
                        missing -> assertThat(missing.problem().status()).isEqualTo(404));
        verify(records, never()).search(anyString(), any());
    }

    @Test
    void anInvalidQueryIsRefusedBeforeAnyRead() throws Exception {
        SummaryRequest invalid = new SummaryRequest(json.readValue("{\"confidence\":{\"from\":0.8,\"to\":0.2}}",
                RecordQuery.class));

        assertThatThrownBy(() -> summarize(invalid)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("query.confidence");
        });
        verifyNoInteractions(datasets);
        verify(records, never()).search(anyString(), any());
    }

    private DatasetSummary summarize(SummaryRequest request) {
        return summaries.summarize("team-a", "news", Task.TextClassification, request).await().atMost(Duration.ofSeconds(5));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
