package io.rubrix.model.monitor;

/** What a monitor's live window is compared with: a fixed time range, a query's records, or the window before. */
public enum ReferenceKind {
    range, query, preceding
}
