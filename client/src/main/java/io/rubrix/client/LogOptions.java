package io.rubrix.client;

import java.util.Map;

/**
 * How {@link Rubrix#log} sends records: in chunks of {@code chunkSize} (500, as the Python client), with the
 * dataset's tags and metadata, telling {@code progress} after each chunk. {@code searchable}: each call returns
 * once its records are searchable (Rubrix's behaviour); false sends faster, for bulk loads.
 */
public record LogOptions(int chunkSize, Map<String, String> tags, Map<String, Object> metadata, Progress progress,
        boolean searchable, long total) {

    public static final LogOptions DEFAULT = new LogOptions(500, Map.of(), Map.of(), Progress.NONE, true, -1);

    public LogOptions {
        if (chunkSize < 1 || chunkSize > 10_000) {
            throw new IllegalArgumentException("chunkSize must be between 1 and 10000");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        progress = progress == null ? Progress.NONE : progress;
    }

    public LogOptions withChunkSize(int size) {
        return new LogOptions(size, tags, metadata, progress, searchable, total);
    }

    public LogOptions withTags(Map<String, String> newTags) {
        return new LogOptions(chunkSize, newTags, metadata, progress, searchable, total);
    }

    public LogOptions withMetadata(Map<String, Object> newMetadata) {
        return new LogOptions(chunkSize, tags, newMetadata, progress, searchable, total);
    }

    /** {@code progress} told after each chunk; {@code total}: how many records will come (-1: unknown). */
    public LogOptions withProgress(Progress newProgress, long expectedTotal) {
        return new LogOptions(chunkSize, tags, metadata, newProgress, searchable, expectedTotal);
    }

    public LogOptions withSearchable(boolean waitUntilSearchable) {
        return new LogOptions(chunkSize, tags, metadata, progress, waitUntilSearchable, total);
    }
}
