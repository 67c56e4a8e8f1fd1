package io.rubrix.ingest.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rubrix.common.elasticsearch.BulkAnswer;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;

/**
 * Writes machine records into a dataset's index with {@code _bulk}, keeping human work: a record is sent
 * as new ({@code create}); one that exists is read and written over the stored one only at the version it
 * was read ({@code if_seq_no}), so an annotation made meanwhile is never overwritten silently; such records
 * are read again and retried. Where most records of the last write existed, the next write reads first.
 * Used by the HTTP bulk and by the Kafka consumer.
 */
@ApplicationScoped
public class RecordWriter {

    static final int MAX_ATTEMPTS = 6;
    /** What a write over a stored record needs of it: the human work it carries and what people saw. */
    private static final String STORED_FIELDS = "annotation,status,inputs,multi_label,tokens,raw_text,text,"
            + RecordDocument.TEAM;
    private static final Duration BACKOFF = Duration.ofMillis(100);

    private final RecordsIndex records;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final Timer bulkLatency;
    /** Indices whose last write met mostly existing records: the next one reads them first. Bounded: datasets go. */
    private final Cache<String, Boolean> rewritten = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();

    public RecordWriter(RecordsIndex records, ObjectMapper json, MeterRegistry registry) {
        this.records = records;
        this.json = json;
        this.bulkLatency = Timer.builder("rubrix.ingest.bulk.latency")
                .description("Time of one Elasticsearch _bulk request of records")
                .publishPercentileHistogram().register(registry);
    }

    /**
     * Writes {@code records} (a later record with the same id wins) and answers the ones that failed.
     * {@code refresh}: make them searchable before answering. Fails as a whole only when Elasticsearch
     * cannot be reached or refuses the request itself.
     */
    public Uni<List<WriteFailure>> write(String index, Task task, List<TaskRecord> records, boolean refresh) {
        return Slices.write(records, refresh, (slice, refreshSlice) -> {
            Map<String, TaskRecord> pending = new LinkedHashMap<>();
            slice.forEach(record -> pending.put(record.id().value(), record));
            return attempt(index, task, pending, refreshSlice, 1, new ArrayList<>());
        });
    }

    private Uni<List<WriteFailure>> attempt(String index, Task task, Map<String, TaskRecord> pending, boolean refresh,
            int attempt, List<WriteFailure> failures) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(failures);
        }
        // A stream of new predictions goes as new records: one request. Where the last write met mostly
        // existing records (a model re-run over a dataset), they are read first rather than refused as new;
        // later attempts always read, as they retry records that exist or changed meanwhile.
        boolean first = attempt == 1;
        boolean readFirst = !first || rewritten.getIfPresent(index) != null;
        Uni<Map<String, StoredRecord>> stored = readFirst ? stored(index, task, pending.keySet())
                : Uni.createFrom().item(Map.of());
        return stored
                .invoke(versions -> {
                    if (first && readFirst) {
                        learn(index, versions.size(), pending.size());
                    }
                })
                .invoke(versions -> refuseChangedInputsUnderHumanWork(pending, versions, failures))
                .chain(versions -> bulk(index, pending, versions, refresh))
                .chain(answer -> {
                    Retries retries = Retries.of(answer, pending, attempt, failures);
                    if (first && !readFirst) {
                        learn(index, retries.conflicts(), pending.size());
                    }
                    // A conflict is no reason to wait: the record exists, or changed since it was read; it is
                    // read again at once. Only a cluster that is short of capacity gets time to recover.
                    Uni<Void> pause = !retries.overloaded() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(BACKOFF.multipliedBy(attempt));
                    return pause.chain(() -> attempt(index, task, retries.records(), refresh, attempt + 1, failures));
                });
    }

    /**
     * A person's label is about what they saw: a machine write may bring a new prediction or metadata to a record
     * that carries human work, but not other inputs (text, tokens), which would leave the label on a text its author
     * never read. Such records are taken out of {@code pending} and refused.
     */
    private static void refuseChangedInputsUnderHumanWork(Map<String, TaskRecord> pending,
            Map<String, StoredRecord> stored, List<WriteFailure> failures) {
        stored.forEach((id, previous) -> {
            TaskRecord record = pending.get(id);
            if (record != null && previous.record().carriesHumanWork() && !record.sameInputsAs(previous.record())) {
                pending.remove(id);
                failures.add(new WriteFailure(id, "the record carries a person's work (status "
                        + previous.record().status() + "): its inputs cannot change under it; log it with its "
                        + "inputs as they are, or delete the record first", false));
            }
        });
    }

    /** Remembers whether the records written to {@code index} mostly existed already. */
    private void learn(String index, int existing, int written) {
        if (existing * 2 > written) {
            rewritten.put(index, Boolean.TRUE);
        } else {
            rewritten.invalidate(index);
        }
    }

    /**
     * The records of a bulk to send again ({@code conflicts} of them refused because they exist or changed,
     * others because Elasticsearch was {@code overloaded}); the ones that cannot be retried go to
     * {@code failures}.
     */
    private record Retries(Map<String, TaskRecord> records, int conflicts, boolean overloaded) {

        static Retries of(BulkAnswer answer, Map<String, TaskRecord> pending, int attempt, List<WriteFailure> failures) {
            Map<String, TaskRecord> retry = new LinkedHashMap<>();
            if (!answer.errors()) {
                return new Retries(retry, 0, false);
            }
            int conflicts = 0;
            boolean overloaded = false;
            List<JsonNode> items = answer.items();
            List<String> ids = new ArrayList<>(pending.keySet());
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                int status = item.path("status").asInt();
                if (status < 300) {
                    continue;
                }
                String id = ids.get(i);
                conflicts += status == 409 ? 1 : 0;
                if ((status == 409 || ElasticsearchException.isTransientStatus(status)) && attempt < MAX_ATTEMPTS) {
                    retry.put(id, pending.get(id));
                    overloaded |= status != 409;
                } else {
                    failures.add(failureOf(id, status, item.path("error")));
                }
            }
            return new Retries(retry, conflicts, overloaded);
        }
    }

    static WriteFailure failureOf(String id, int status, JsonNode error) {
        if (status == 409) {
            return new WriteFailure(id, "changed concurrently " + MAX_ATTEMPTS + " times while being written; send it again",
                    true);
        }
        String reason = error.path("reason").asText(error.path("type").asText("refused"));
        JsonNode cause = error.path("caused_by");
        if (!cause.isMissingNode()) {
            reason = reason + ": " + cause.path("reason").asText();
        }
        return new WriteFailure(id, ElasticsearchException.itemReason(reason),
                ElasticsearchException.isTransientStatus(status));
    }

    /** The stored versions of {@code ids} that exist, with the human work they carry. */
    Uni<Map<String, StoredRecord>> stored(String index, Task task, Set<String> ids) {
        ObjectNode body = json.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        return records.documents(index, body, STORED_FIELDS)
                .map(answer -> {
                    Map<String, StoredRecord> stored = new LinkedHashMap<>();
                    for (JsonNode doc : answer.path("docs")) {
                        if (doc.path("found").asBoolean(false)) {
                            stored.put(doc.path("_id").asText(), new StoredRecord(read(task, doc.path("_source")),
                                    doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong(),
                                    doc.path("_source").path(RecordDocument.TEAM)));
                        }
                    }
                    return stored;
                })
                .onFailure(ElasticsearchException::notFound).recoverWithItem(Map.of());
    }

    private Uni<BulkAnswer> bulk(String index, Map<String, TaskRecord> pending, Map<String, StoredRecord> stored,
            boolean refresh) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(new BulkAnswer(false, List.of()));
        }
        Instant now = clock.instant();
        NdjsonBody body = new NdjsonBody();
        pending.forEach((id, record) -> {
            StoredRecord previous = stored.get(id);
            if (previous == null) {
                body.action(json, "create", index, id);
                RecordDocument.appendTo(body, json, record.stampedAt(now));
                return;
            }
            body.action(json, "index", index, id, previous.seqNo(), previous.primaryTerm());
            RecordDocument.appendTo(body, json, record.keepingHumanWorkOf(previous.record()).stampedAt(now),
                    previous.team());
        });
        Timer.Sample sample = Timer.start();
        // A bulk refused as a whole for now (e.g. 429 when Elasticsearch sheds load) is sent again, as the
        // records it refuses one by one are; ids make the second send safe.
        return records.bulk(body, refresh)
                .onFailure(ElasticsearchException::refusedForNow).retry().withBackOff(BACKOFF).atMost(MAX_ATTEMPTS - 1)
                .invoke(() -> sample.stop(bulkLatency))
                .invoke(body::recycle); // answered: sent whole
    }

    private TaskRecord read(Task task, JsonNode source) {
        try {
            return json.treeToValue(source, RecordReader.typeOf(task));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored record " + source, e);
        }
    }
}
