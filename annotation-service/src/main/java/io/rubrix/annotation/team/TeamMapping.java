package io.rubrix.annotation.team;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.smallrye.mutiny.Uni;

/**
 * Puts the mapping of a record's {@code team} on a records index made before the records template had it (new
 * indices have it from the template), once per index and process, before the first team write: without it the
 * queues' fields would be stored but not searchable. Adding fields to a mapping is allowed and idempotent.
 */
@ApplicationScoped
public class TeamMapping {

    private final Elasticsearch elasticsearch;
    private final Set<String> mapped = ConcurrentHashMap.newKeySet();

    public TeamMapping(Elasticsearch elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    public Uni<Void> ensure(String index) {
        if (mapped.contains(index)) {
            return Uni.createFrom().voidItem();
        }
        String body = "{\"properties\":{\"" + RecordDocument.TEAM + "\":" + IndexTemplates.recordsTeamMapping() + "}}";
        return elasticsearch.send("PUT", "/" + index + "/_mapping", body)
                .invoke(() -> mapped.add(index))
                .replaceWithVoid()
                .onFailure(ElasticsearchException::notFound).recoverWithNull();
    }
}
