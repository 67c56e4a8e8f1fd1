package io.rubrix.query.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.store.RecordCounts;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.Task;
import io.smallrye.mutiny.Uni;

/** The rules of the datasets list, without Elasticsearch: descriptors and record counts answer from memory. */
@Tag("fast")
class DatasetCatalogRulesTest {

    private static final List<String> WORKSPACES = List.of("team-a", "team-b");

    private final IndexLayout layout = new IndexLayout("rubrix");
    private final DatasetStore datasets = mock(DatasetStore.class);
    private final RecordsIndex records = mock(RecordsIndex.class);
    private final DatasetCatalog catalog = new DatasetCatalog(datasets, records);

    @BeforeEach
    void indexNamesAsTheLayoutMakesThem() {
        when(records.name(anyString(), anyString()))
                .thenAnswer(call -> layout.recordsIndex(call.getArgument(0), call.getArgument(1)));
    }

    @Test
    void eachDatasetGetsTheCountsOfItsOwnRecordsIndexAndZeroWithoutOne() {
        when(datasets.list(WORKSPACES, RecordsIndex.MAX_DATASETS)).thenReturn(Uni.createFrom().item(List.of(
                dataset("team-a", "news"), dataset("team-b", "news"), dataset("team-a", "fresh"))));
        when(records.countsPerIndex(WORKSPACES)).thenReturn(Uni.createFrom().item(Map.of(
                "rubrix.records.team-a.news", new RecordCounts(12, Map.of("Validated", 4L, "Discarded", 1L, "Edited", 2L,
                        "Default", 5L)),
                "rubrix.records.team-b.news", new RecordCounts(3, Map.of("Default", 3L)),
                "rubrix.records.team-a.deleted-meanwhile", new RecordCounts(5, Map.of("Validated", 5L)))));

        List<DatasetListing> listed = list();

        assertThat(listed).extracting(listing -> listing.dataset().workspace() + "/" + listing.dataset().name(),
                DatasetListing::records, DatasetListing::labelled, DatasetListing::validated, DatasetListing::discarded)
                .containsExactly(
                        tuple("team-a/news", 12L, 5L, 4L, 1L),
                        tuple("team-b/news", 3L, 0L, 0L, 0L),
                        tuple("team-a/fresh", 0L, 0L, 0L, 0L));
        verify(datasets).list(WORKSPACES, RecordsIndex.MAX_DATASETS);
    }

    @Test
    void noDatasetsIsAnEmptyListWhateverIndicesExist() {
        when(datasets.list(WORKSPACES, RecordsIndex.MAX_DATASETS)).thenReturn(Uni.createFrom().item(List.of()));
        when(records.countsPerIndex(WORKSPACES)).thenReturn(Uni.createFrom().item(Map.of("rubrix.records.team-a.old", new RecordCounts(1, Map.of()))));

        assertThat(list()).isEmpty();
    }

    private List<DatasetListing> list() {
        return catalog.list(WORKSPACES).await().atMost(Duration.ofSeconds(5));
    }

    private static Dataset dataset(String workspace, String name) {
        return Dataset.create(workspace, name, Task.TextClassification, "ana", Map.of(), Map.of(), Instant.now());
    }
}
