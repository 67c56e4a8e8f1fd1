package io.rubrix.client;

/** Told after each chunk: records done so far, and the total when it is known (-1 otherwise). */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> {
    };

    void update(long done, long total);
}
