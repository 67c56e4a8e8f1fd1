package io.rubrix.query.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.store.SnapshotsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.snapshot.DatasetSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** The rules of reading snapshots, without Elasticsearch: descriptors and rows answer from memory. */
@Tag("fast")
class SnapshotReaderRulesTest {

    private static final Duration AT_MOST = Duration.ofSeconds(5);
    private static final DatasetSnapshot SNAPSHOT = new DatasetSnapshot("20261128t101500-ab12cd34", "json",
            DatasetSnapshot.dataUri("news", "20261128t101500-ab12cd34"), Task.TextClassification,
            Instant.parse("2026-11-28T10:15:00Z"), "news", "team-a", 3, null);

    private final ObjectMapper json = RubrixJson.newMapper();
    private final SnapshotsIndex snapshots = mock(SnapshotsIndex.class);
    private final PointInTimeScan scan = mock(PointInTimeScan.class);
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final SnapshotReader reader = new SnapshotReader(snapshots, scan, json, datasets);

    @Test
    void anUnknownSnapshotIsA404NamingItAndItsDataset() {
        when(snapshots.descriptor("team-a", "news", "nope")).thenReturn(Uni.createFrom().item(Optional.empty()));

        assertThatThrownBy(() -> reader.get("team-a", "news", "nope").await().atMost(AT_MOST))
                .isInstanceOfSatisfying(ApiException.class, missing -> {
                    assertThat(missing.problem().status()).isEqualTo(404);
                    assertThat(missing.problem().detail()).isEqualTo("Snapshot 'nope' of dataset 'news' not found");
                });
    }

    @Test
    void aKnownSnapshotIsAnsweredAsStored() {
        when(snapshots.descriptor("team-a", "news", SNAPSHOT.id())).thenReturn(Uni.createFrom().item(Optional.of(SNAPSHOT)));

        assertThat(reader.get("team-a", "news", SNAPSHOT.id()).await().atMost(AT_MOST)).isEqualTo(SNAPSHOT);
    }

    @Test
    void noSnapshotsOfADatasetThatDoesNotExistIsA404() {
        when(snapshots.descriptors("team-a", "gone", SnapshotReader.MAX_SNAPSHOTS)).thenReturn(Uni.createFrom().item(List.of()));
        when(datasets.require("team-a", "gone")).thenReturn(Uni.createFrom().failure(
                ApiException.notFound("Dataset 'gone' not found in workspace 'team-a'")));

        assertThatThrownBy(() -> reader.list("team-a", "gone").await().atMost(AT_MOST))
                .isInstanceOfSatisfying(ApiException.class, missing -> {
                    assertThat(missing.problem().status()).isEqualTo(404);
                    assertThat(missing.problem().detail()).contains("'gone'");
                });
    }

    @Test
    void noSnapshotsOfADatasetThatExistsIsAnEmptyList() {
        when(snapshots.descriptors("team-a", "news", SnapshotReader.MAX_SNAPSHOTS)).thenReturn(Uni.createFrom().item(List.of()));
        when(datasets.require("team-a", "news")).thenReturn(Uni.createFrom().item(
                Dataset.create("team-a", "news", Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now())));

        assertThat(reader.list("team-a", "news").await().atMost(AT_MOST)).isEmpty();
        verify(datasets).require("team-a", "news");
    }

    @Test
    void snapshotsOfADeletedDatasetStayListedWithoutAskingForIt() {
        when(snapshots.descriptors("team-a", "news", SnapshotReader.MAX_SNAPSHOTS))
                .thenReturn(Uni.createFrom().item(List.of(SNAPSHOT)));

        assertThat(reader.list("team-a", "news").await().atMost(AT_MOST)).containsExactly(SNAPSHOT);
        verify(datasets, never()).require(anyString(), anyString());
    }

    @Test
    void theRowsOfASnapshotAreItsRowFieldsAsNdjsonInRowOrderAPagePerChunk() {
        String rowsIndex = "rubrix.snapshot-data.team-a.news." + SNAPSHOT.id();
        when(snapshots.descriptor("team-a", "news", SNAPSHOT.id())).thenReturn(Uni.createFrom().item(Optional.of(SNAPSHOT)));
        when(snapshots.rowsIndex("team-a", "news", SNAPSHOT.id())).thenReturn(rowsIndex);
        when(scan.pages(eq(rowsIndex), any(), eq("row_number"), eq(List.of()))).thenReturn(Multi.createFrom().items(
                List.of(tree("{'row_number':0,'row':{'text':'a','label':'x'}}"), tree("{'row_number':1,'row':{'text':'b'}}")),
                List.of(tree("{'row_number':2,'row':{'text':'c'}}"))));

        List<String> chunks = reader.rows("team-a", "news", SNAPSHOT.id()).map(Buffer::toString)
                .collect().asList().await().atMost(AT_MOST);

        assertThat(chunks).containsExactly("{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n", "{\"text\":\"c\"}\n");
        ArgumentCaptor<JsonNode> query = ArgumentCaptor.forClass(JsonNode.class);
        verify(scan).pages(eq(rowsIndex), query.capture(), eq("row_number"), eq(List.of()));
        assertThat(query.getValue()).isEqualTo(tree("{'match_all':{}}"));
    }

    @Test
    void theRowsOfAnUnknownSnapshotAreA404WithoutAScan() {
        when(snapshots.descriptor("team-a", "news", "nope")).thenReturn(Uni.createFrom().item(Optional.empty()));

        assertThatThrownBy(() -> reader.rows("team-a", "news", "nope").collect().asList().await().atMost(AT_MOST))
                .isInstanceOfSatisfying(ApiException.class, missing -> assertThat(missing.problem().status()).isEqualTo(404));
        verify(scan, never()).pages(anyString(), any(), anyString(), any());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
