package io.rubrix.model.monitor;

/** A drift alert raised (a measure crossed its threshold) or cleared (back at or below it). */
public enum AlertType {
    raised, cleared
}
