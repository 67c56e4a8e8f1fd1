package io.rubrix.model.security;

/** The roles of the realm, as found in the token's {@code realm_access.roles}. */
public final class Roles {

    /** Everything, including deletes and dataset lifecycle. */
    public static final String ADMIN = "admin";
    /** Reads and labels. */
    public static final String ANNOTATOR = "annotator";
    /** Reads. */
    public static final String VIEWER = "viewer";
    /** Reads, and settles what annotators disagree on (team labelling, ADR 0012; reads only until review is built). */
    public static final String REVIEWER = "reviewer";
    /** Logs records: the service account of models and Kafka producers. */
    public static final String INGEST = "ingest";

    private Roles() {
    }
}
