package io.rubrix.annotation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.label.Annotator;
import io.rubrix.annotation.label.LabelService;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The rules of a bulk labelling job, over in-memory stores: what is done, what conflicts, what fails and why. */
@Tag("fast")
class BulkJobsRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";

    private final ObjectMapper json = RubrixJson.newMapper();
    private final LabelService labels = mock(LabelService.class);
    private final RecordsIndex recordsIndex = mock(RecordsIndex.class);
    private final PointInTimeScan scan = mock(PointInTimeScan.class);
    private final HistoryStore history = mock(HistoryStore.class);
    private final JobStore jobs = mock(JobStore.class);
    private final PagesInFlight inFlight = mock(PagesInFlight.class);
    private final BulkJobs bulkJobs = new BulkJobs(labels, new Annotator(json), new RecordStore(recordsIndex, json), scan,
            recordsIndex, history, new HistoryEvents(json), jobs, new JobLease(), inFlight, json);

    @BeforeEach
    void aDatasetOfThreeRecords() {
        Dataset created = Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now());
        Dataset news = new Dataset(created.name(), created.task(), created.tags(), created.metadata(), created.owner(),
                created.workspace(), created.createdBy(), created.createdAt(), created.lastUpdated(), false,
                new DatasetSettings(List.of("sports", "politics"), null));
        when(labels.datasetToLabel("team-a", "news", Task.TextClassification, false)).thenReturn(Uni.createFrom().item(news));
        when(recordsIndex.name("team-a", "news")).thenReturn(INDEX);
        when(recordsIndex.count(eq(INDEX), any())).thenReturn(Uni.createFrom().item(3L));
        when(recordsIndex.refresh(INDEX)).thenReturn(Uni.createFrom().voidItem());
        when(jobs.save(any())).thenAnswer(saved -> Uni.createFrom().item((Job) saved.getArgument(0)));
        when(jobs.cancelRequested(anyString())).thenReturn(Uni.createFrom().item(false));
        when(history.append(anyList())).thenReturn(Uni.createFrom().voidItem());
        when(inFlight.drop(anyList())).thenReturn(Uni.createFrom().voidItem());
    }

    /** The records the job's scan finds, in one page. */
    private void scanFinds(JsonNode... hits) {
        when(scan.hitPages(eq(INDEX), any(), eq("_shard_doc"), eq(List.of()), eq(true)))
                .thenReturn(Multi.createFrom().item(List.of(hits)));
    }

    private JsonNode predicted(String id, long seqNo) {
        return hit(id, seqNo, "{\"agent\":\"model\",\"labels\":[{\"class\":\"sports\",\"score\":0.9}]}");
    }

    @Test
    void validatingByIdsCountsDoneConflictedFailedAndMissingRecordsEachWithItsReason() {
        scanFinds(predicted("predicted", 5), predicted("seen-older", 6), hit("bare", 7, null));
        when(recordsIndex.bulkItems(any(), anyBoolean())).thenReturn(Uni.createFrom().item(bulkAnswer(201)));

        Job job = start("{\"ids\":[\"predicted\",\"seen-older\",\"bare\",\"nowhere\"],"
                + "\"versions\":{\"seen-older\":\"" + version(1, 2) + "\"},\"status\":\"Validated\"}");

        assertThat(job.state()).isEqualTo(Job.State.done);
        assertThat(job.total()).isEqualTo(4);
        assertThat(job.done()).isEqualTo(1);
        assertThat(job.conflicts()).isEqualTo(1);
        assertThat(job.conflictedIds()).containsExactly("seen-older");
        assertThat(job.failed()).isEqualTo(2);
        assertThat(job.errors()).extracting(Job.RecordError::id, Job.RecordError::field)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bare", "annotation"),
                        org.assertj.core.groups.Tuple.tuple("nowhere", "id"));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<HistoryEntry>> appended = ArgumentCaptor.forClass(List.class);
        verify(history).append(appended.capture());
        assertThat(appended.getValue()).extracting(entry -> entry.event().recordId()).containsExactly("predicted");
        assertThat(appended.getValue().get(0).event().agent()).isEqualTo("ana");
    }

    @Test
    void aRecordSomeoneChangedWhileTheBulkWasWrittenIsAConflictNotAFailure() {
        scanFinds(predicted("predicted", 5));
        when(recordsIndex.bulkItems(any(), anyBoolean())).thenReturn(Uni.createFrom().item(bulkAnswer(409)));

        Job job = start("{\"ids\":[\"predicted\"],\"status\":\"Validated\"}");

        assertThat(job.done()).isZero();
        assertThat(job.conflictedIds()).containsExactly("predicted");
        verify(history).append(List.of());
    }

    @Test
    void aLabelOutsideTheSchemaIsRefusedBeforeAnyRecordIsTouched() {
        assertThatThrownBy(() -> start("{\"query\":{},\"annotation\":{\"labels\":[{\"class\":\"weather\"}]},"
                + "\"status\":\"Validated\"}"))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().detail()).contains("weather");
                });
        verify(jobs, never()).save(any());
        verify(recordsIndex, never()).bulkItems(any(), anyBoolean());
    }

    @Test
    void aQueryElasticsearchRefusesIsA400NamingTheQuery() {
        ObjectNode refusal = json.createObjectNode();
        refusal.putObject("error").put("type", "query_shard_exception").put("reason", "Failed to parse query [a:(]");
        when(recordsIndex.count(eq(INDEX), any())).thenReturn(Uni.createFrom().failure(
                new ElasticsearchException(400, refusal, "refused")));

        assertThatThrownBy(() -> start("{\"query\":{\"query_text\":\"a:(\"},\"status\":\"Discarded\"}"))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors().get(0).field()).isEqualTo("query");
                    assertThat(refused.problem().errors().get(0).reason()).contains("Failed to parse query");
                });
    }

    private Job start(String request) {
        try {
            BulkRequest bulk = json.readValue(request, BulkRequest.class);
            return bulkJobs.start(Job.Kind.annotate, "team-a", "news", Task.TextClassification, bulk, "ana", false)
                    .await().indefinitely();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode hit(String id, long seqNo, String prediction) {
        ObjectNode hit = json.createObjectNode().put("_id", id).put("_seq_no", seqNo).put("_primary_term", 1);
        ObjectNode source = hit.putObject("_source").put("id", id).put("status", "Default");
        source.putObject("inputs").put("text", "text of " + id);
        if (prediction != null) {
            try {
                source.set("prediction", json.readTree(prediction));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return hit;
    }

    /** Elasticsearch's answer to a bulk of one write, with {@code status}. */
    private JsonNode bulkAnswer(int status) {
        ObjectNode answer = json.createObjectNode().put("errors", status >= 300);
        ObjectNode item = answer.putArray("items").addObject().putObject("index").put("status", status)
                .put("_seq_no", 42).put("_primary_term", 1);
        if (status >= 300) {
            item.putObject("error").put("type", "version_conflict_engine_exception").put("reason", "conflict");
        }
        return answer;
    }

    private static String version(long primaryTerm, long seqNo) {
        return new io.rubrix.model.record.RecordVersion(primaryTerm, seqNo).toString();
    }
}
