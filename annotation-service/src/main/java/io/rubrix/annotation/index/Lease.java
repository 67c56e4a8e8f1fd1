package io.rubrix.annotation.index;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexLayout;
import io.smallrye.mutiny.Uni;

/**
 * Which replica does a piece of work that one replica at a time must do (relaying label events, evaluating drift
 * monitors): the one holding a lease document in the jobs index, taken and renewed with optimistic concurrency, so
 * that scaled-out replicas do not do it once each. A replica that dies stops renewing; another takes over when the
 * lease expires.
 */
public abstract class Lease {

    private final String document;

    private final Elasticsearch elasticsearch;
    private final AnnotationIndices indices;
    private final IndexLayout layout;
    private final String holder;
    /** Until when this replica last made the lease its own: no need to read it again before half of that. */
    private volatile Instant heldUntil = Instant.EPOCH;

    protected Lease(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout, String document) {
        this.document = document;
        this.holder = document + "-" + UUID.randomUUID();
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.layout = layout;
    }

    /**
     * True when this replica holds the lease for at least {@code ttl / 2} more: renewed when past half its life,
     * taken when free or expired.
     */
    public Uni<Boolean> hold(Duration ttl) {
        Instant now = Instant.now();
        if (now.isBefore(heldUntil.minus(ttl.dividedBy(2)))) {
            return Uni.createFrom().item(true); // nobody else may take it before it expires
        }
        return read().chain(current -> {
            if (current != null) {
                JsonNode lease = current.path("_source");
                Instant expires = Instant.parse(lease.path("expires_at").asText(now.toString()));
                boolean mine = holder.equals(lease.path("holder").asText());
                if (!mine && expires.isAfter(now)) {
                    return Uni.createFrom().item(false);
                }
                if (mine && expires.isAfter(now.plus(ttl.dividedBy(2)))) {
                    heldUntil = expires;
                    return Uni.createFrom().item(true);
                }
            }
            Instant expires = now.plus(ttl);
            return write(current, expires).invoke(taken -> heldUntil = taken ? expires : Instant.EPOCH);
        });
    }

    /** Gives the lease up (on shutdown), so that another replica takes over at once. */
    public Uni<Void> release() {
        heldUntil = Instant.EPOCH;
        return read().chain(current -> current != null && holder.equals(current.path("_source").path("holder").asText())
                ? elasticsearch.send("DELETE", path(), null, versionOf(current)).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    private Uni<JsonNode> read() {
        return elasticsearch.get(path()).onFailure(ElasticsearchException::notFound).recoverWithNull();
    }

    private Uni<Boolean> write(JsonNode current, Instant expires) {
        Map<String, Object> lease = Map.of("holder", holder, "expires_at", expires.toString());
        Map<String, String> condition = current == null ? Map.of("op_type", "create") : versionOf(current);
        return indices.ensureReady() // the jobs index must get its mapping, whoever creates it first
                .chain(() -> elasticsearch.send("PUT", path(), lease, condition))
                .map(written -> true)
                .onFailure(e -> e instanceof ElasticsearchException refused && refused.status() == 409)
                .recoverWithItem(false);
    }

    private static Map<String, String> versionOf(JsonNode current) {
        return Map.of("if_seq_no", current.path("_seq_no").asText(), "if_primary_term",
                current.path("_primary_term").asText());
    }

    private String path() {
        return "/" + layout.jobsIndex() + "/_doc/" + document;
    }
}
