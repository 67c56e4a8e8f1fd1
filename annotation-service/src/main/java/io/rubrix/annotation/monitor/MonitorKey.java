package io.rubrix.annotation.monitor;

import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.record.Task;

/** A monitor and the dataset it watches. Names hold no dots, so {@link #id()} is unique. */
public record MonitorKey(String workspace, String dataset, Task task, Monitor monitor) {

    public String id() {
        return workspace + "." + dataset + "." + monitor.name();
    }

    public static String id(String workspace, String dataset, String monitor) {
        return workspace + "." + dataset + "." + monitor;
    }
}
