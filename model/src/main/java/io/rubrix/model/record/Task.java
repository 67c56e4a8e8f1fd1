package io.rubrix.model.record;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of record a dataset holds; the name is the one used in Rubrix URLs ({@code /TextClassification:bulk}). */
public enum Task {
    TextClassification,
    TokenClassification,
    Text2Text;

    /**
     * The task of a Rubrix action path segment such as {@code TextClassification:bulk}; 404 for another name.
     */
    public static Task ofAction(String taskAction) {
        int colon = taskAction.indexOf(':');
        String name = colon < 0 ? taskAction : taskAction.substring(0, colon);
        return byName(name).orElseThrow(() -> io.rubrix.model.error.ApiException.badRequest("task",
                "No task '" + name + "': use TextClassification, TokenClassification or Text2Text"));
    }

    /** The task named exactly {@code name} (case-sensitive, as in Rubrix paths), if any. */
    public static Optional<Task> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
