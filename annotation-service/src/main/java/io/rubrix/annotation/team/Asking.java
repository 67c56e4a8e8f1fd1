package io.rubrix.annotation.team;

import java.util.Optional;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.Task;

/** One call for a person's next record: who asks, where, and the record their hold names. */
record Asking(Dataset dataset, String workspace, String index, Task task, String user, Optional<String> hold) {
}
