package io.rubrix.ingest.records;

/**
 * A record Elasticsearch did not take. {@code transientFailure} is true when trying again later can
 * succeed (the cluster was busy or unreachable); false when the record itself was refused.
 */
public record WriteFailure(String id, String reason, boolean transientFailure) {
}
