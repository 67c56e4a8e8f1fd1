package io.rubrix.common.store;

import java.util.Map;

/** How many records a records index holds (as of its last refresh), in all and per status. */
public record RecordCounts(long total, Map<String, Long> perStatus) {

    public static final RecordCounts NONE = new RecordCounts(0, Map.of());

    public long withStatus(String status) {
        return perStatus.getOrDefault(status, 0L);
    }
}
