package io.rubrix.annotation.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
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
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.common.store.HistoryIndex;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.StaleVersionException;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.StorageUnavailable;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.smallrye.mutiny.Uni;

/** The rules of labelling one record, without Elasticsearch: the stores answer from memory. */
@Tag("fast")
class LabelServiceRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";
    private static final RecordVersion SEEN = new RecordVersion(1, 7);

    private final ObjectMapper json = RubrixJson.newMapper();
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final RecordStore records = mock(RecordStore.class);
    private final AnnotationIndices indices = mock(AnnotationIndices.class);
    private final HistoryIndex historyIndex = mock(HistoryIndex.class);
    private final HistoryStore history = new HistoryStore(indices, historyIndex, json);
    private final LabelService labels = new LabelService(datasets, records, new Annotator(json), history,
            new HistoryEvents(json), new IndexLayout("rubrix"));

    @BeforeEach
    void aDatasetWithOneRecord() throws Exception {
        Dataset created = Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now());
        Dataset news = new Dataset(created.name(), created.task(), created.tags(), created.metadata(), created.owner(),
                created.workspace(), created.createdBy(), created.createdAt(), created.lastUpdated(), false,
                new DatasetSettings(List.of("sports", "politics"), null));
        when(datasets.require("team-a", "news")).thenReturn(Uni.createFrom().item(news));
        when(records.find(INDEX, Task.TextClassification, "r1"))
                .thenReturn(Uni.createFrom().item(Optional.of(new VersionedRecord(record(), SEEN, null))));
        when(records.find(INDEX, Task.TextClassification, "gone")).thenReturn(Uni.createFrom().item(Optional.empty()));
        when(indices.ensureReady()).thenReturn(Uni.createFrom().voidItem());
        when(historyIndex.append(anyList())).thenReturn(Uni.createFrom().voidItem());
    }

    @Test
    void aLabelOverTheVersionSeenIsWrittenWithItsAuthorAndRecordedInTheHistory() throws Exception {
        when(records.replace(eq(INDEX), any(), any(), eq(SEEN), eq("false")))
                .thenReturn(Uni.createFrom().item(new RecordVersion(1, 8)));

        LabelledRecord labelled = label("r1", change("sports", "Validated"), SEEN);

        assertThat(labelled.version()).isEqualTo(new RecordVersion(1, 8).toString());
        TextClassificationRecord written = (TextClassificationRecord) labelled.record();
        assertThat(written.annotation().agent()).isEqualTo("ana");
        assertThat(written.annotation().labels()).extracting(label -> label.label()).containsExactly("sports");
        assertThat(written.status()).isEqualTo(RecordStatus.Validated);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<HistoryEntry>> appended = ArgumentCaptor.forClass(List.class);
        verify(historyIndex).append(appended.capture());
        assertThat(appended.getValue()).hasSize(1);
        assertThat(appended.getValue().get(0).event().agent()).isEqualTo("ana");
        assertThat(appended.getValue().get(0).recordSeqNo()).isEqualTo(8);
    }

    @Test
    void aLabelOverAnOlderVersionIsAConflictHoldingTheRecordAsItIsNow() {
        RecordVersion older = new RecordVersion(1, 6);

        assertThatThrownBy(() -> label("r1", change("sports", "Validated"), older))
                .isInstanceOfSatisfying(ApiException.class, conflict -> {
                    assertThat(conflict.problem().status()).isEqualTo(409);
                    assertThat(conflict.problem().extensions()).containsEntry("version", SEEN.toString());
                });
        verify(records, never()).replace(anyString(), any(), any(), any(), anyString());
        verify(historyIndex, never()).append(anyList());
    }

    @Test
    void someoneWritingBetweenTheReadAndTheWriteIsAConflictWithTheirVersion() throws Exception {
        RecordVersion theirs = new RecordVersion(1, 9);
        when(records.replace(eq(INDEX), any(), any(), eq(SEEN), anyString()))
                .thenReturn(Uni.createFrom().failure(new StaleVersionException("r1")));
        when(records.get(INDEX, Task.TextClassification, "r1"))
                .thenReturn(Uni.createFrom().item(new VersionedRecord(record(), theirs, null)));

        assertThatThrownBy(() -> label("r1", change("sports", "Validated"), SEEN))
                .isInstanceOfSatisfying(ApiException.class, conflict -> {
                    assertThat(conflict.problem().status()).isEqualTo(409);
                    assertThat(conflict.problem().extensions()).containsEntry("version", theirs.toString());
                });
        verify(historyIndex, never()).append(anyList());
    }

    @Test
    void aLabelOutsideTheSchemaIsRefusedNamingTheField() {
        assertThatThrownBy(() -> label("r1", change("weather", "Validated"), SEEN))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).anySatisfy(error -> {
                        assertThat(error.field()).startsWith("annotation.labels");
                        assertThat(error.reason()).contains("weather");
                    });
                });
        verify(records, never()).replace(anyString(), any(), any(), any(), anyString());
    }

    @Test
    void anUnknownRecordIsA404NamingIt() {
        assertThatThrownBy(() -> label("gone", change("sports", "Validated"), SEEN))
                .isInstanceOfSatisfying(ApiException.class, missing -> {
                    assertThat(missing.problem().status()).isEqualTo(404);
                    assertThat(missing.problem().detail()).contains("'gone'");
                });
    }

    @Test
    void aDatasetOfAnotherTaskIsA400NamingBoth() {
        assertThatThrownBy(() -> labels.label("team-a", "news", Task.TokenClassification, "r1",
                        change("sports", "Validated"), SEEN, "ana", false, "false").await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().detail()).contains("TextClassification", "TokenClassification");
                });
    }

    @Test
    void aLabelSavedWhoseHistoryCannotBeWrittenSaysSoAndCanBeSentAgain() throws Exception {
        when(records.replace(eq(INDEX), any(), any(), eq(SEEN), anyString()))
                .thenReturn(Uni.createFrom().item(new RecordVersion(1, 8)));
        when(historyIndex.append(anyList())).thenReturn(Uni.createFrom().failure(new IllegalStateException("history full")));

        assertThatThrownBy(() -> label("r1", change("sports", "Validated"), SEEN))
                .isInstanceOfSatisfying(StorageUnavailable.class, unavailable -> {
                    assertThat(unavailable.detail()).startsWith("The label was saved, but its history entry could not")
                            .endsWith("send it again");
                    assertThat(StorageUnavailable.retryLater(unavailable)).isTrue();
                });
    }

    private LabelledRecord label(String id, LabelChange change, RecordVersion seen) {
        return labels.label("team-a", "news", Task.TextClassification, id, change, seen, "ana", false, "false")
                .await().indefinitely();
    }

    private LabelChange change(String label, String status) throws Exception {
        return json.readValue("{\"annotation\":{\"labels\":[{\"class\":\"" + label + "\"}]},\"status\":\"" + status + "\"}",
                LabelChange.class);
    }

    private TaskRecord record() throws Exception {
        return json.readValue("{\"id\":\"r1\",\"inputs\":{\"text\":\"a match\"},\"status\":\"Default\","
                + "\"prediction\":{\"agent\":\"model\",\"labels\":[{\"class\":\"sports\",\"score\":0.9}]}}",
                TextClassificationRecord.class);
    }
}
