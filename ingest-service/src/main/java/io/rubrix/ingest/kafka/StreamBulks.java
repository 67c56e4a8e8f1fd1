package io.rubrix.ingest.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Vertx;

/**
 * The records of consecutive polls, written as bulks of {@code bulkSize} records per dataset, at most
 * {@code concurrentBulks} at a time, regardless of where one poll ends: the next poll is read while the bulks
 * of the previous ones are indexed, so Elasticsearch does not wait for it, and a poll that brings fewer
 * records than a bulk does not make a small bulk. Records that fill less than a bulk go after {@code linger}.
 * <p>
 * Order: a record whose id is in a bulk being written waits until that bulk is done (a later version of it
 * that arrives meanwhile replaces the waiting one), so a record sent twice ends as it was sent last.
 * A poll is finished (its dead letters published, its offsets acknowledged) once each of its records is
 * written, refused or replaced by a later version, and after every poll taken before it.
 * <p>
 * Memory: {@link #add} answers at once while fewer than {@code concurrentBulks * bulkSize} records wait for a
 * bulk; otherwise once a bulk is done. The consumer takes no new poll until then, so while Elasticsearch is down
 * (bulks retried in place) consumption pauses.
 */
final class StreamBulks {

    /** Writes a bulk and answers the dead letters of the records it could not write; never fails. */
    interface BulkWriter {
        Uni<List<DeadLetter>> write(StreamBatch.Group bulk);
    }

    private final BulkWriter writer;
    private final Vertx vertx;
    private final int bulkSize;
    private final int concurrentBulks;
    private final long lingerMillis;

    private final Map<String, Destination> destinations = new LinkedHashMap<>();
    private final ArrayDeque<Poll> unfinished = new ArrayDeque<>();
    private int bulksInFlight;
    private boolean lingering;
    private CompletableFuture<Void> room;
    private CompletableFuture<Void> finishing = CompletableFuture.completedFuture(null);

    StreamBulks(BulkWriter writer, Vertx vertx, int bulkSize, int concurrentBulks, Duration linger) {
        this.writer = writer;
        this.vertx = vertx;
        this.bulkSize = bulkSize;
        this.concurrentBulks = concurrentBulks;
        this.lingerMillis = Math.max(1, linger.toMillis());
    }

    /**
     * Queues the valid records of a poll; {@code finish} runs with the poll's dead letters once the poll is
     * done. Answers when there is room for the next poll.
     */
    Uni<Void> add(StreamBatch poll, Function<List<DeadLetter>, Uni<Void>> finish) {
        Uni<Void> answer;
        synchronized (this) {
            Poll taken = new Poll(finish, poll.deadLetters());
            unfinished.add(taken);
            for (StreamBatch.Group group : poll.groups()) {
                Destination destination = destinations.computeIfAbsent(group.workspace() + "/" + group.dataset()
                        + "/" + group.task(), key -> new Destination(key, group.workspace(), group.dataset(), group.task()));
                group.records().forEach((id, record) -> destination.queue(id, record, group.sources().get(id), taken));
            }
            if (waitingRecords() < concurrentBulks * bulkSize) {
                answer = Uni.createFrom().voidItem();
            } else {
                room = new CompletableFuture<>();
                answer = Uni.createFrom().completionStage(room);
            }
        }
        progress(false);
        return answer;
    }

    /** Records taken that wait for a bulk (not those being written). */
    synchronized int waitingRecords() {
        return destinations.values().stream().mapToInt(destination -> destination.waiting.size()).sum();
    }

    synchronized int bulksInFlight() {
        return bulksInFlight;
    }

    /** Sends what is ready, finishes what is done, and gives room when there is some; outside the lock. */
    private void progress(boolean lingered) {
        List<Bulk> ready = new ArrayList<>();
        List<Finishing> done = new ArrayList<>();
        CompletableFuture<Void> freed = null;
        boolean linger = false;
        synchronized (this) {
            Bulk bulk;
            while (bulksInFlight < concurrentBulks && (bulk = cut(lingered)) != null) {
                bulksInFlight++;
                ready.add(bulk);
            }
            while (!unfinished.isEmpty() && unfinished.peek().unresolved == 0) {
                // Chained here, under the lock, so that polls finished by two threads still finish in order.
                CompletableFuture<Void> finished = new CompletableFuture<>();
                done.add(new Finishing(unfinished.poll(), finishing, finished));
                finishing = finished;
            }
            int waiting = waitingRecords();
            if (room != null && waiting < concurrentBulks * bulkSize) {
                freed = room;
                room = null;
            }
            if (waiting > 0 && !lingering) {
                lingering = linger = true;
            }
        }
        done.forEach(Finishing::start);
        if (linger) {
            vertx.setTimer(lingerMillis, timer -> {
                synchronized (this) {
                    lingering = false;
                }
                progress(true);
            });
        }
        ready.forEach(this::send);
        if (freed != null) {
            freed.complete(null);
        }
    }

    /** A full bulk of one destination, or when {@code partial} any records that waited; null when none. */
    private Bulk cut(boolean partial) {
        for (Destination destination : destinations.values()) {
            Bulk bulk = destination.cut(bulkSize, partial);
            if (bulk != null) {
                return bulk;
            }
        }
        return null;
    }

    private void send(Bulk bulk) {
        Uni.createFrom().deferred(() -> writer.write(bulk.group())).subscribe().with(letters -> done(bulk, letters),
                failure -> done(bulk, bulk.group().messages().stream()
                        .map(message -> new DeadLetter(message, "not ingested: " + failure.getMessage())).toList()));
    }

    private void done(Bulk bulk, List<DeadLetter> letters) {
        synchronized (this) {
            bulksInFlight--;
            Map<KafkaRecord<String, byte[]>, Poll> owners = new IdentityHashMap<>();
            bulk.records.values().forEach(record -> owners.put(record.source, record.polls.get(record.polls.size() - 1)));
            letters.forEach(letter -> owners.get(letter.message()).letters.add(letter));
            bulk.records.values().forEach(record -> record.polls.forEach(poll -> poll.unresolved--));
            bulk.destination.writing.removeAll(bulk.records.keySet());
            if (bulk.destination.waiting.isEmpty() && bulk.destination.writing.isEmpty()) {
                destinations.remove(bulk.destination.key); // a dataset that no longer streams holds nothing
            }
        }
        progress(false);
    }

    /** A poll's finish, which starts once the previous poll's is over: polls finish in the order they came. */
    private record Finishing(Poll poll, CompletableFuture<Void> previous, CompletableFuture<Void> finished) {

        void start() {
            List<DeadLetter> letters = List.copyOf(poll.letters);
            previous.whenComplete((ignored, never) -> poll.finish.apply(letters).subscribe().with(
                    done -> finished.complete(null),
                    failure -> {
                        Log.errorf(failure, "A poll of the records topic could not be finished");
                        finished.complete(null);
                    }));
        }
    }

    private static final class Poll {
        final Function<List<DeadLetter>, Uni<Void>> finish;
        final List<DeadLetter> letters;
        int unresolved;

        Poll(Function<List<DeadLetter>, Uni<Void>> finish, List<DeadLetter> letters) {
            this.finish = finish;
            this.letters = new ArrayList<>(letters);
        }
    }

    /** The latest version of a record, the message it came in, and the polls that wait for it. */
    private static final class Waiting {
        final TaskRecord record;
        final KafkaRecord<String, byte[]> source;
        final List<Poll> polls;

        Waiting(TaskRecord record, KafkaRecord<String, byte[]> source, List<Poll> polls) {
            this.record = record;
            this.source = source;
            this.polls = polls;
        }
    }

    private record Bulk(Destination destination, Map<String, Waiting> records) {

        StreamBatch.Group group() {
            Map<String, TaskRecord> versions = new LinkedHashMap<>();
            Map<String, KafkaRecord<String, byte[]>> sources = new LinkedHashMap<>();
            records.forEach((id, waiting) -> {
                versions.put(id, waiting.record);
                sources.put(id, waiting.source);
            });
            return new StreamBatch.Group(destination.workspace, destination.dataset, destination.task, versions, sources);
        }
    }

    /** One dataset's records waiting for a bulk, in arrival order, and the ids in bulks being written. */
    private static final class Destination {
        final String key;
        final String workspace;
        final String dataset;
        final Task task;
        final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
        final Set<String> writing = new HashSet<>();

        Destination(String key, String workspace, String dataset, Task task) {
            this.key = key;
            this.workspace = workspace;
            this.dataset = dataset;
            this.task = task;
        }

        void queue(String id, TaskRecord record, KafkaRecord<String, byte[]> source, Poll poll) {
            poll.unresolved++;
            Waiting replaced = waiting.get(id);
            List<Poll> polls = replaced == null ? new ArrayList<>(1) : replaced.polls;
            polls.add(poll);
            waiting.put(id, new Waiting(record, source, polls));
        }

        Bulk cut(int size, boolean partial) {
            if (waiting.size() < (partial ? 1 : size)) {
                return null;
            }
            Map<String, Waiting> records = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, Waiting>> entries = waiting.entrySet().iterator();
                    entries.hasNext() && records.size() < size;) {
                Map.Entry<String, Waiting> entry = entries.next();
                if (!writing.contains(entry.getKey())) {
                    records.put(entry.getKey(), entry.getValue());
                }
            }
            if (records.isEmpty() || (!partial && records.size() < size)) {
                return null;
            }
            records.keySet().forEach(waiting::remove);
            writing.addAll(records.keySet());
            return new Bulk(this, records);
        }
    }
}
