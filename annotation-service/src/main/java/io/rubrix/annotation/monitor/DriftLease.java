package io.rubrix.annotation.monitor;

import jakarta.inject.Singleton;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.annotation.index.Lease;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.index.IndexLayout;

/** Which replica evaluates the drift monitors and delivers their alerts. */
@Singleton
public class DriftLease extends Lease {

    public DriftLease(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout) {
        super(elasticsearch, indices, layout, "drift-lease");
    }
}
