package io.rubrix.model.record;

/** Whether the prediction agrees with the human annotation ({@code ok}) or not ({@code ko}). */
public enum PredictionStatus {
    ok,
    ko
}
