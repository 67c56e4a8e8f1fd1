package io.rubrix.annotation.team;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.Task;

/** One call for a person's next record: who asks, and where. */
record Asking(Dataset dataset, String workspace, String index, Task task, String user) {
}
