package io.rubrix.annotation.relay;

import jakarta.inject.Singleton;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.annotation.index.Lease;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.index.IndexLayout;

/** Which replica relays label events to Kafka. */
@Singleton
public class RelayLease extends Lease {

    public RelayLease(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout) {
        super(elasticsearch, indices, layout, "relay-lease");
    }
}
