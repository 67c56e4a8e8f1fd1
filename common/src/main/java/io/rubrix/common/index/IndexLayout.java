package io.rubrix.common.index;

import java.util.List;
import java.util.regex.Pattern;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.validation.DatasetName;

/**
 * Names of every Elasticsearch index, all under one prefix so that tests, tenants and a Kibana data view
 * select them by pattern: one records index per dataset ({@code <prefix>.records.<workspace>.<dataset>}),
 * and one index each for dataset descriptors, snapshot descriptors and label history.
 * Workspace and dataset names cannot hold a dot, so the names never collide; every name is checked here too
 * (a 422), so that no caller's string becomes part of an index name, or a pattern, unchecked.
 */
public final class IndexLayout {

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    /** Snapshot ids as snapshots are made: {@code 20261128t101500-ab12cd34}. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    private final String prefix;

    public IndexLayout(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("index prefix '" + prefix + "' must match " + PREFIX.pattern());
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String recordsIndex(String workspace, String dataset) {
        return prefix + ".records." + checked("workspace", workspace) + "." + checked("name", dataset);
    }

    /** The records indices of every dataset of one workspace. */
    public String recordsPatternOf(String workspace) {
        return prefix + ".records." + checked("workspace", workspace) + ".*";
    }

    /** Every records index, e.g. for a Kibana data view. */
    public String recordsPattern() {
        return prefix + ".records.*";
    }

    public String recordsTemplateName() {
        return prefix + "-records";
    }

    public String datasetsIndex() {
        return prefix + ".datasets";
    }

    public String datasetsTemplateName() {
        return prefix + "-datasets";
    }

    public String snapshotsIndex() {
        return prefix + ".snapshots";
    }

    /** The frozen rows of one snapshot. */
    public String snapshotDataIndex(String workspace, String dataset, String snapshotId) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw ApiException.notFound("Snapshot '" + snapshotId + "' of dataset '" + dataset + "' not found");
        }
        return snapshotDataPatternOf(workspace, dataset).replace("*", snapshotId);
    }

    /** The frozen rows of every snapshot of one dataset. */
    public String snapshotDataPatternOf(String workspace, String dataset) {
        return prefix + ".snapshot-data." + checked("workspace", workspace) + "." + checked("name", dataset) + ".*";
    }

    private static String checked(String field, String name) {
        DatasetName.check(name).ifPresent(violation -> {
            throw ApiException.unprocessable(field + ": " + violation.reason(), List.of(FieldError.of(field, violation.reason())));
        });
        return name;
    }

    public String historyIndex() {
        return prefix + ".history";
    }

    public String historyTemplateName() {
        return prefix + "-history";
    }

    /** Bulk labelling and deletion jobs, so that any replica reports a job's progress and cancels it. */
    public String jobsIndex() {
        return prefix + ".jobs";
    }

    public String jobsTemplateName() {
        return prefix + "-jobs";
    }

    /** Drift monitors' evaluations, alerts and their delivery (ADR 0014). */
    public String driftIndex() {
        return prefix + ".drift";
    }

    public String driftTemplateName() {
        return prefix + "-drift";
    }

    /**
     * Where drift monitors' webhooks POST and the secrets they sign with: an index of its own, nothing indexed, read
     * by annotation-service alone (not under the drift index's data view, which Kibana users read).
     */
    public String webhookSecretsIndex() {
        return prefix + ".webhook-secrets";
    }

    public String webhookSecretsTemplateName() {
        return prefix + "-webhook-secrets";
    }
}
