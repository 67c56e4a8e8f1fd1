package io.rubrix.ui.gateway;

/** The services behind the gateway (ARCHITECTURE.md, who owns what). */
public enum Service {
    /** Machine writes and dataset lifecycle. */
    ingest,
    /** Every read. */
    query,
    /** Human writes. */
    annotation
}
