package io.rubrix.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.snapshot.DatasetSnapshot;

/**
 * The Rubrix verbs for the JVM, as the Python client has them:
 *
 * <pre>{@code
 * Rubrix rb = Rubrix.init("http://localhost:6900", apiKey);      // or Rubrix.init(): RUBRIX_API_URL, RUBRIX_API_KEY
 * rb.log(records, "news");                                        // chunks of 500, retried, searchable on return
 * try (Stream<TextClassificationRecord> all = rb.load("news", TextClassificationRecord.class)) { ... }
 * rb.snapshots("news"); rb.load("news", snapshotId); rb.delete("news");
 * }</pre>
 *
 * Thread-safe; one instance per server and key is enough.
 */
public final class Rubrix {

    public static final String DEFAULT_URL = "http://localhost:6900";

    private final Transport transport;
    private final ObjectMapper json;

    private Rubrix(Transport transport) {
        this.transport = transport;
        this.json = transport.json();
    }

    /** A client of the server at {@code apiUrl} (the gateway), sending {@code apiKey} as its bearer token. */
    public static Rubrix init(String apiUrl, String apiKey) {
        return init(apiUrl, () -> apiKey);
    }

    /**
     * A client whose bearer token comes from {@code tokens} at each call: e.g. {@link ClientCredentials}, for a
     * service account whose tokens are renewed before they expire.
     */
    public static Rubrix init(String apiUrl, java.util.function.Supplier<String> tokens) {
        String url = apiUrl == null || apiUrl.isBlank() ? DEFAULT_URL : apiUrl;
        return new Rubrix(new Transport(URI.create(url.endsWith("/") ? url : url + "/"), tokens, null,
                RetryPolicy.DEFAULT, RubrixJson.newMapper()));
    }

    /** A client configured from {@code RUBRIX_API_URL} (default http://localhost:6900) and {@code RUBRIX_API_KEY}. */
    public static Rubrix init() {
        return init(System.getenv("RUBRIX_API_URL"), System.getenv("RUBRIX_API_KEY"));
    }

    /** The same client, acting in one of the caller's workspaces (by default the first of the token's groups). */
    public Rubrix inWorkspace(String workspace) {
        return new Rubrix(transport.inWorkspace(workspace));
    }

    public Rubrix withRetries(RetryPolicy policy) {
        return new Rubrix(transport.withRetries(policy));
    }

    /** Logs records of one task into {@code dataset}, creating it on first use; see {@link #log(Iterator, String, LogOptions)}. */
    public LogSummary log(List<? extends TaskRecord> records, String dataset) {
        return log(records.iterator(), dataset, LogOptions.DEFAULT.withProgress(Progress.NONE, records.size()));
    }

    public LogSummary log(List<? extends TaskRecord> records, String dataset, LogOptions options) {
        LogOptions sized = options.total() < 0 ? options.withProgress(options.progress(), records.size()) : options;
        return log(records.iterator(), dataset, sized);
    }

    /**
     * Logs records of one task, read lazily from {@code records}, in chunks. A record without an id gets one
     * here, so that a chunk sent again after a transient failure writes the same records, not new ones.
     * Refused records are counted and listed with their index in the whole sequence; the others are indexed.
     */
    public LogSummary log(Iterator<? extends TaskRecord> records, String dataset, LogOptions options) {
        Task task = null;
        long done = 0;
        long processed = 0;
        long failed = 0;
        List<FieldError> errors = new ArrayList<>();
        List<TaskRecord> chunk = new ArrayList<>(options.chunkSize());
        while (records.hasNext() || !chunk.isEmpty()) {
            if (records.hasNext()) {
                TaskRecord record = Objects.requireNonNull(records.next(), "a null record").withIdIfMissing();
                if (task == null) {
                    task = record.task();
                } else if (record.task() != task) {
                    throw new IllegalArgumentException("one log call takes records of one task: " + task
                            + " and " + record.task() + " were mixed");
                }
                chunk.add(record);
                if (chunk.size() < options.chunkSize() && records.hasNext()) {
                    continue;
                }
            }
            JsonNode answer = sendChunk(dataset, task, chunk, options);
            processed += answer.path("processed").asLong();
            failed += answer.path("failed").asLong();
            for (JsonNode error : answer.path("errors")) {
                errors.add(new FieldError(error.hasNonNull("index") ? (int) done + error.path("index").asInt() : null,
                        error.path("id").asText(null), error.path("field").asText(null), error.path("reason").asText()));
            }
            done += chunk.size();
            chunk.clear();
            options.progress().update(done, options.total());
        }
        return new LogSummary(dataset, processed, failed, errors);
    }

    private JsonNode sendChunk(String dataset, Task task, List<TaskRecord> chunk, LogOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tags", options.tags());
        body.put("metadata", options.metadata());
        body.put("records", chunk);
        String path = "api/datasets/" + dataset + "/" + task.name() + ":bulk" + (options.searchable() ? "" : "?refresh=false");
        return transport.call("POST", path, body);
    }

    /** Every record of the dataset, streamed: read lazily, a page at a time. Close the stream when done early. */
    public <T extends TaskRecord> Stream<T> load(String dataset, Class<T> type) {
        return load(dataset, type, null);
    }

    /** The records matching {@code query} (the search query of Rubrix; null for all), streamed. */
    public <T extends TaskRecord> Stream<T> load(String dataset, Class<T> type, RecordQuery query) {
        Task task = taskOf(type);
        return transport.lines("POST", "api/datasets/" + dataset + "/" + task.name() + "/data",
                query == null ? Map.of() : query).map(line -> read(line, type));
    }

    /** The records as JSON objects (any task: the dataset's own), streamed. */
    public Stream<JsonNode> loadJson(String dataset, RecordQuery query) {
        Task task = dataset(dataset).task();
        return transport.lines("POST", "api/datasets/" + dataset + "/" + task.name() + "/data",
                query == null ? Map.of() : query).map(line -> read(line, JsonNode.class));
    }

    /** The rows of a snapshot (flat training rows: id, text or tokens, labels...), streamed. */
    public Stream<JsonNode> load(String dataset, String snapshotId) {
        return transport.lines("GET", "api/datasets/" + dataset + "/snapshots/" + snapshotId + "/data", null)
                .map(line -> read(line, JsonNode.class));
    }

    /** The dataset's snapshots, newest first. */
    public List<DatasetSnapshot> snapshots(String dataset) {
        List<DatasetSnapshot> snapshots = new ArrayList<>();
        transport.call("GET", "api/datasets/" + dataset + "/snapshots", null)
                .forEach(node -> snapshots.add(convert(node, DatasetSnapshot.class)));
        return snapshots;
    }

    /** Freezes the dataset's Validated records (or those matching {@code query}) into a new snapshot. */
    public DatasetSnapshot snapshot(String dataset, RecordQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        return convert(transport.call("POST", "api/datasets/" + dataset + "/snapshots", body), DatasetSnapshot.class);
    }

    public void deleteSnapshot(String dataset, String snapshotId) {
        transport.call("DELETE", "api/datasets/" + dataset + "/snapshots/" + snapshotId, null);
    }

    /** The datasets of the caller's workspaces. */
    public List<Dataset> datasets() {
        List<Dataset> datasets = new ArrayList<>();
        transport.call("GET", "api/datasets/", null).forEach(node -> datasets.add(convert(node, Dataset.class)));
        return datasets;
    }

    public Dataset dataset(String name) {
        return convert(transport.call("GET", "api/datasets/" + name, null), Dataset.class);
    }

    /** Deletes the dataset and its records (role admin). */
    public void delete(String dataset) {
        transport.call("DELETE", "api/datasets/" + dataset, null);
    }

    /** The task whose records are of {@code type}. */
    public static Task taskOf(Class<? extends TaskRecord> type) {
        for (Task task : Task.values()) {
            if (RecordReader.typeOf(task).equals(type)) {
                return task;
            }
        }
        throw new IllegalArgumentException(type + " is not a record type of a task");
    }

    private <T> T read(String line, Class<T> type) {
        try {
            return json.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new RubrixException("unreadable record from the server: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new RubrixException("unexpected answer from the server: " + e.getOriginalMessage(), e);
        }
    }
}
