package io.rubrix.query.dataset;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.store.RecordCounts;
import io.rubrix.common.store.RecordsIndex;
import io.smallrye.mutiny.Uni;

/** Lists dataset descriptors of some workspaces, by name, each with how many records it holds and how many are labelled. */
@ApplicationScoped
public class DatasetCatalog {

    private final DatasetStore datasets;
    private final RecordsIndex records;

    public DatasetCatalog(DatasetStore datasets, RecordsIndex records) {
        this.datasets = datasets;
        this.records = records;
    }

    public Uni<List<DatasetListing>> list(List<String> workspaces) {
        return Uni.combine().all().unis(datasets.list(workspaces, RecordsIndex.MAX_DATASETS),
                        records.countsPerIndex(workspaces)).asTuple()
                .map(both -> both.getItem1().stream()
                        .map(dataset -> DatasetListing.of(dataset, both.getItem2()
                                .getOrDefault(records.name(dataset.workspace(), dataset.name()), RecordCounts.NONE)))
                        .toList());
    }
}
