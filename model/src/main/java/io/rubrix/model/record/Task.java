package io.rubrix.model.record;

import java.util.Arrays;
import java.util.Optional;

import io.rubrix.model.error.ApiException;

/** The kinds of record a dataset holds; the name is the one used in Rubrix URLs ({@code /TextClassification:bulk}). */
public enum Task {
    TextClassification,
    TokenClassification,
    Text2Text;

    /** The task a path names ({@code /api/datasets/news/TextClassification:search}); a 400 naming the field else. */
    public static Task fromPath(String name) {
        return byName(name).orElseThrow(() -> ApiException.badRequest("task",
                "No task '" + name + "': use TextClassification, TokenClassification or Text2Text"));
    }

    /** The task named exactly {@code name} (case-sensitive, as in Rubrix paths), if any. */
    public static Optional<Task> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
