package io.rubrix.common.index;

import java.util.regex.Pattern;

/**
 * Names of every Elasticsearch index, all under one prefix so that tests, tenants and a Kibana data view
 * select them by pattern: one records index per dataset ({@code <prefix>.records.<workspace>.<dataset>}),
 * and one index each for dataset descriptors, snapshot descriptors and label history.
 * Workspace and dataset names cannot hold a dot, so the names never collide.
 */
public final class IndexLayout {

    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

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
        return prefix + ".records." + workspace + "." + dataset;
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
        return prefix + ".snapshot-data." + workspace + "." + dataset + "." + snapshotId;
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
}
