package io.rubrix.common.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON bodies that create our indices: the index template every records index is made from, and the
 * mappings of the descriptor indices. Kept as resources so they read as the Elasticsearch documentation does.
 */
public final class IndexTemplates {

    private final IndexLayout layout;
    private final int replicas;

    public IndexTemplates(IndexLayout layout, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be at least 0, not " + replicas);
        }
        this.layout = layout;
        this.replicas = replicas;
    }

    /** Body of {@code PUT _index_template/<recordsTemplateName>}. */
    public String recordsTemplate() {
        return resource("records-template.json")
                .replace("${team}", recordsTeamMapping())
                .replace("${pattern}", layout.recordsPattern())
                .replace("${replicas}", Integer.toString(replicas));
    }

    /**
     * The mapping of a record's {@code team} object (ADR 0012), part of the records template; also put on a records
     * index made before it had one, as {@code PUT <index>/_mapping {"properties": {"team": ...}}}.
     */
    public static String recordsTeamMapping() {
        return resource("records-team-mapping.json").strip();
    }

    /** Body of {@code PUT <datasetsIndex>}. */
    public String datasetsIndex() {
        return resource("datasets-index.json").replace("${replicas}", Integer.toString(replicas));
    }

    /**
     * Body of {@code PUT _index_template/<datasetsTemplateName>}: the datasets index's settings and mapping also
     * when a write makes the index again (Elasticsearch creates a missing index on the first document).
     */
    public String datasetsTemplate() {
        return "{\"index_patterns\":[\"" + layout.datasetsIndex() + "\"],\"priority\":200,\"template\":"
                + datasetsIndex() + "}";
    }

    /** Body of {@code PUT <snapshotDataIndex>}: rows kept, not indexed, in their order. */
    public String snapshotDataIndex() {
        return resource("snapshot-data-index.json").replace("${replicas}", Integer.toString(replicas));
    }

    /** Body of {@code PUT <snapshotsIndex>}. */
    public String snapshotsIndex() {
        return resource("snapshots-index.json").replace("${replicas}", Integer.toString(replicas));
    }

    /** Body of {@code PUT _index_template/<historyTemplateName>}: the label history, which is also the outbox of label events. */
    public String historyTemplate() {
        return resource("history-template.json").replace("${index}", layout.historyIndex())
                .replace("${replicas}", Integer.toString(replicas));
    }

    /** Body of {@code PUT _index_template/<jobsTemplateName>}: bulk labelling and deletion jobs. */
    public String jobsTemplate() {
        return resource("jobs-template.json").replace("${index}", layout.jobsIndex())
                .replace("${replicas}", Integer.toString(replicas));
    }

    /** Body of {@code PUT _index_template/<driftTemplateName>}: monitors' evaluations and alerts (ADR 0014). */
    public String driftTemplate() {
        return resource("drift-template.json").replace("${index}", layout.driftIndex())
                .replace("${replicas}", Integer.toString(replicas));
    }

    /** Body of {@code PUT _index_template/<webhookSecretsTemplateName>}: kept, never indexed. */
    public String webhookSecretsTemplate() {
        return resource("webhook-secrets-template.json").replace("${index}", layout.webhookSecretsIndex())
                .replace("${replicas}", Integer.toString(replicas));
    }

    private static String resource(String name) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
