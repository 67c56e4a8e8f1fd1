package io.rubrix.annotation.job;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A job's pages as their writes end, handed on in the order they were read: two pages are written at a time and the
 * second may end first, but a job's saved cursor must never pass a page not yet written (another replica taking the
 * job up would skip it). Used by one runner, on one event loop.
 */
final class PagesInOrder {

    /**
     * A page written: its progress, the sort value of its last record, and the key it is kept under while in flight
     * ({@link PagesInFlight}; null for a job that keeps none).
     */
    record Page(JobProgress progress, String lastId, String key) {
    }

    private final TreeMap<Long, Page> waiting = new TreeMap<>();
    private long next;

    /** Page {@code number} (0, 1, 2, ... as read) is written: the pages now written in order, oldest first. */
    List<Page> written(long number, Page page) {
        waiting.put(number, page);
        List<Page> inOrder = new ArrayList<>();
        while (waiting.containsKey(next)) {
            inOrder.add(waiting.remove(next++));
        }
        return inOrder;
    }

    /** The pages written after one that never was (it failed, or the job stopped first): at the job's end. */
    List<Page> rest() {
        List<Page> rest = new ArrayList<>(waiting.values());
        waiting.clear();
        return rest;
    }
}
