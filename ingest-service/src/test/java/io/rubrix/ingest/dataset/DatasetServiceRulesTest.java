package io.rubrix.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.ingest.index.IndexBootstrap;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/** The rules of opening a dataset for a machine write, without Elasticsearch: the descriptors answer from memory. */
@Tag("fast")
class DatasetServiceRulesTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");

    private final DatasetStore store = mock(DatasetStore.class);
    private final IndexBootstrap bootstrap = mock(IndexBootstrap.class);
    private final DatasetService service = new DatasetService(store, bootstrap, new DescriptorLimits(3));

    @BeforeEach
    @SuppressWarnings("unchecked")
    void indicesInPlace() {
        when(bootstrap.ensureReady()).thenReturn(Uni.createFrom().voidItem());
        when(bootstrap.withIndices(any())).thenAnswer(call -> ((Supplier<Uni<?>>) call.getArgument(0)).get());
        when(store.update(anyString(), anyString(), anyMap(), anyBoolean())).thenReturn(Uni.createFrom().voidItem());
    }

    @Test
    void anInvalidNameIsA422BeforeAnyRead() {
        assertThatThrownBy(() -> service.openForWrite("team-a", "Not Valid", Task.TextClassification, "bot", null, null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(422);
                    assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("name");
                        assertThat(error.reason()).contains("'Not Valid' does not match");
                    });
                });
        verifyNoInteractions(store, bootstrap);
    }

    @Test
    void aNewDatasetIsCreatedByTheWriterWithTheBatchsTagsAndMetadata() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.empty()));
        when(store.create(any())).thenReturn(Uni.createFrom().item(true));

        Dataset opened = open(Task.TextClassification, Map.of("env", "prod"), Map.of("model", "v1"));

        ArgumentCaptor<Dataset> created = ArgumentCaptor.forClass(Dataset.class);
        verify(store).create(created.capture());
        assertThat(created.getValue()).isEqualTo(opened);
        assertThat(opened.workspace()).isEqualTo("team-a");
        assertThat(opened.owner()).isEqualTo("team-a");
        assertThat(opened.createdBy()).isEqualTo("bot");
        assertThat(opened.task()).isEqualTo(Task.TextClassification);
        assertThat(opened.tags()).containsExactly(Map.entry("env", "prod"));
        assertThat(opened.metadata()).containsExactly(Map.entry("model", "v1"));
        assertThat(opened.closed()).isFalse();
        verify(store, never()).update(anyString(), anyString(), anyMap(), anyBoolean());
    }

    @Test
    void aNewDatasetOverTheKeyLimitIsRefusedNamingTagsAndNotCreated() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.empty()));

        assertThatThrownBy(() -> open(Task.TextClassification, Map.of("a", "1", "b", "2", "c", "3", "d", "4"), null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("tags");
                        assertThat(error.reason()).isEqualTo("the dataset would have 4 keys here; at most 3 are allowed "
                                + "(rubrix.limits.dataset-keys)");
                    });
                });
        verify(store, never()).create(any());
    }

    @Test
    void aDatasetCreatedByAnotherWriterFirstIsJoinedAndUpdated() {
        Dataset theirs = existing(Task.TextClassification, false, Map.of("env", "prod"), Map.of());
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.empty()))
                .thenReturn(Uni.createFrom().item(Optional.of(theirs)));
        when(store.create(any())).thenReturn(Uni.createFrom().item(false));

        Dataset opened = open(Task.TextClassification, Map.of("team", "nlp"), null);

        assertThat(opened.createdBy()).as("the other writer's descriptor").isEqualTo("someone");
        assertThat(opened.tags()).containsExactly(Map.entry("env", "prod"), Map.entry("team", "nlp"));
        verify(store).update(eq("team-a"), eq("news"), eq(Map.of("tags", Map.of("team", "nlp"),
                "last_updated", opened.lastUpdated().toString())), eq(true));
    }

    @Test
    void aDatasetDeletedWhileBeingCreatedIsAConflictToRetry() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.empty()));
        when(store.create(any())).thenReturn(Uni.createFrom().item(false));

        assertThatThrownBy(() -> open(Task.TextClassification, null, null)).isInstanceOfSatisfying(ApiException.class,
                conflict -> {
                    assertThat(conflict.problem().status()).isEqualTo(409);
                    assertThat(conflict.problem().detail()).isEqualTo("Dataset 'news' was deleted while being created; retry");
                });
        verify(store, times(2)).find("team-a", "news");
    }

    @Test
    void aDatasetOfAnotherTaskIsRefusedNamingBothAndNotTouched() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TokenClassification, false, Map.of(), Map.of()))));

        assertThatThrownBy(() -> open(Task.TextClassification, Map.of("env", "prod"), null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("task");
                    assertThat(refused.problem().detail()).contains("TokenClassification", "TextClassification");
                });
        verify(store, never()).update(anyString(), anyString(), anyMap(), anyBoolean());
        verify(store, never()).create(any());
    }

    @Test
    void aClosedDatasetIsAConflictAndNotTouched() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, true, Map.of(), Map.of()))));

        assertThatThrownBy(() -> open(Task.TextClassification, null, null)).isInstanceOfSatisfying(ApiException.class,
                conflict -> {
                    assertThat(conflict.problem().status()).isEqualTo(409);
                    assertThat(conflict.problem().detail()).isEqualTo("Dataset 'news' is closed; open it before writing to it");
                });
        verify(store, never()).update(anyString(), anyString(), anyMap(), anyBoolean());
    }

    @Test
    void aWriteToAnExistingDatasetMergesOnlyWhatItBringsAndListsSeeIt() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, false, Map.of("env", "prod"), Map.of("model", "v1")))));

        Dataset opened = open(Task.TextClassification, Map.of("env", "staging"), Map.of("owner", "nlp"));

        assertThat(opened.tags()).containsExactly(Map.entry("env", "staging"));
        assertThat(opened.metadata()).containsExactly(Map.entry("model", "v1"), Map.entry("owner", "nlp"));
        assertThat(opened.lastUpdated()).isAfter(CREATED);
        verify(store).update("team-a", "news", Map.of("tags", Map.of("env", "staging"), "metadata", Map.of("owner", "nlp"),
                "last_updated", opened.lastUpdated().toString()), true);
    }

    @Test
    void aWriteWithoutTagsOrMetadataOnlyMovesLastUpdatedWithoutWaitingForLists() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, false, Map.of(), Map.of()))));

        Dataset opened = open(Task.TextClassification, null, null);

        verify(store).update("team-a", "news", Map.of("last_updated", opened.lastUpdated().toString()), false);
    }

    @Test
    void chunksOfAStreamWithinASecondStampTheDescriptorOnce() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, false, Map.of("env", "prod"), Map.of()))));

        open(Task.TextClassification, Map.of("env", "prod"), null);
        open(Task.TextClassification, Map.of("env", "prod"), null);
        open(Task.TextClassification, null, null);

        verify(store, times(1)).update(anyString(), anyString(), anyMap(), anyBoolean());
    }

    @Test
    void aChunkWithANewTagIsStampedEvenWithinTheSecond() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, false, Map.of("env", "prod"), Map.of()))));

        open(Task.TextClassification, null, null);
        open(Task.TextClassification, Map.of("team", "nlp"), null);

        ArgumentCaptor<Map<String, Object>> partials = partials(2);
        assertThat(partials.getAllValues().get(1)).containsEntry("tags", Map.of("team", "nlp"));
    }

    @Test
    void aMergeOverTheKeyLimitIsRefusedNamingMetadataAndNotWritten() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                existing(Task.TextClassification, false, Map.of(), Map.of("a", 1, "b", 2, "c", 3)))));

        assertThatThrownBy(() -> open(Task.TextClassification, null, Map.of("d", 4)))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("metadata");
                    assertThat(refused.problem().detail()).contains("4 keys").contains("at most 3");
                });
        verify(store, never()).update(anyString(), anyString(), anyMap(), anyBoolean());
    }

    @Test
    void requireValidNameAcceptsRubrixNamesOnly() {
        DatasetService.requireValidName("news_2026-11");
        for (String name : List.of("", "-news", "_news", "News", "new.s")) {
            assertThatThrownBy(() -> DatasetService.requireValidName(name)).as(name).isInstanceOfSatisfying(
                    ApiException.class, refused -> assertThat(refused.problem().status()).isEqualTo(422));
        }
    }

    @SuppressWarnings("unchecked")
    private ArgumentCaptor<Map<String, Object>> partials(int times) {
        ArgumentCaptor<Map<String, Object>> partials = ArgumentCaptor.forClass(Map.class);
        verify(store, times(times)).update(eq("team-a"), eq("news"), partials.capture(), anyBoolean());
        return partials;
    }

    private Dataset open(Task task, Map<String, String> tags, Map<String, Object> metadata) {
        return service.openForWrite("team-a", "news", task, "bot", tags, metadata).await().atMost(Duration.ofSeconds(5));
    }

    private static Dataset existing(Task task, boolean closed, Map<String, String> tags, Map<String, Object> metadata) {
        Dataset created = Dataset.create("team-a", "news", task, "someone", tags, metadata, CREATED);
        return closed ? created.withClosed(true, CREATED) : created;
    }
}
