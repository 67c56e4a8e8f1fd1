package io.rubrix.annotation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.annotation.history.HistoryStore;
import io.rubrix.annotation.label.Annotator;
import io.rubrix.annotation.label.LabelChange;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.annotation.HistoryEvents;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.annotation.HistoryEntry;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.RecordVersion;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A job selected by a query whose replica died is taken over by another, once, and ends as if it had run alone
 * (issue 32, docs/adr/0016-fleet-and-traces.md). The dead replica is simulated by what it leaves behind: a job saved
 * after its first pages (progress, cursor, a lease run out) and the pages it had in flight ({@link PagesInFlight}):
 * one written and its events appended (and published), one written without its events, one kept but not written,
 * and one the saved cursor already covers.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class JobTakeoverTest {

    private static final int TOTAL = 2_500;
    private static final int SAVED = 1_000; // the pages saved with the cursor
    private static final int PAGE = 500;
    private static final LabelChange DISCARD = new LabelChange(null, RecordStatus.Discarded);

    private final TestDatasets data = new TestDatasets();
    private final ObjectMapper json = RubrixJson.newMapper();

    @Inject
    JobStore jobs;
    @Inject
    JobLease lease;
    @Inject
    JobTakeover takeover;
    @Inject
    PagesInFlight inFlight;
    @Inject
    RecordStore records;
    @Inject
    Annotator annotator;
    @Inject
    HistoryEvents events;
    @Inject
    HistoryStore history;

    @Test
    void aJobWhoseReplicaDiedIsTakenOverOnceFromItsLastPageAndEndsWithEveryRecordCountedOnceAndEveryEventKept() {
        data.reset();
        List<String> inScanOrder = load("taken").stream().sorted().toList(); // the keyword order the job's scan follows
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "taken");
        JobPlan plan = new JobPlan(index, json.createObjectNode().set("match_all", json.createObjectNode()), DISCARD,
                List.of(), "ana");
        JobProgress saved = new JobProgress();
        saved.done(SAVED);
        Job dead = Job.started(UUID.randomUUID().toString(), Job.Kind.annotate, "team-a", "taken",
                Task.TextClassification, "ana", TOTAL, Instant.now()).withProgress(saved);

        // what the dead replica left: the pages the cursor covers, written (and not dropped yet), and three pages in
        // flight
        keep(dead, inScanOrder.subList(0, SAVED - PAGE), true);
        keep(dead, inScanOrder.subList(SAVED - PAGE, SAVED), true);
        List<HistoryEntry> appended = keep(dead, inScanOrder.subList(SAVED, SAVED + PAGE), true).entries();
        history.append(appended).await().indefinitely();
        history.markPublished(appended, Instant.now())
                .await().indefinitely();
        List<HistoryEntry> notAppended = keep(dead, inScanOrder.subList(SAVED + PAGE, SAVED + 2 * PAGE), true).entries();
        String pageKey = keep(dead, inScanOrder.subList(SAVED + 2 * PAGE, TOTAL), false).key();
        given().auth().oauth2(TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a")).get("/api/jobs/" + pageKey)
                .then().statusCode(404); // a page in flight is no job, for the jobs API either
        data.es().send("POST", "/" + index + "/_refresh", null);
        jobs.save(dead, plan, inScanOrder.get(SAVED - 1), "a-replica-that-died", Instant.now().minusSeconds(5))
                .await().indefinitely();
        Job alive = Job.started(UUID.randomUUID().toString(), Job.Kind.annotate, "team-a", "taken",
                Task.TextClassification, "ana", TOTAL, Instant.now());
        jobs.save(alive, plan, null, "a-replica-still-running", Instant.now().plusSeconds(300)).await().indefinitely();

        // two sweeps at once, as two replicas' schedulers may run them: one claim wins
        Uni.combine().all().unis(takeover.sweep(), takeover.sweep()).discardItems().await().atMost(Duration.ofSeconds(30));

        Job finished = await("the job taken over, done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> jobs.get(dead.id()).await().indefinitely(), job -> job.state().finished());
        assertThat(finished.state()).isEqualTo(Job.State.done);
        assertThat(finished.done()).as("every record counted once").isEqualTo(TOTAL);
        assertThat(finished.failed() + finished.conflicts()).isZero();
        assertThat(source(dead.id()).path(JobStore.OWNER).asText()).isEqualTo(lease.owner());
        assertThat(count(index, Map.of("term", Map.of("status", "Discarded")))).isEqualTo(TOTAL);

        List<JsonNode> kept = hits(TestDatasets.LAYOUT.historyIndex(), Map.of("term", Map.of("job_id", dead.id())));
        assertThat(kept).as("one event per record changed after the saved cursor, whoever wrote it (two sweeps ran)")
                .hasSize(TOTAL - SAVED)
                .extracting(event -> event.path("record_id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(inScanOrder.subList(SAVED, TOTAL));
        Map<String, JsonNode> byId = new HashMap<>();
        kept.forEach(event -> byId.put(event.path("event_id").asText(), event));
        assertThat(byId.get(appended.get(0).event().eventId()).path("published").asBoolean())
                .as("an event the dead replica appended and the relay published stays published").isTrue();
        HistoryEntry settled = notAppended.get(0);
        VersionedRecord now = records.get(index, Task.TextClassification, settled.event().recordId()).await().indefinitely();
        // the event of a record written without it: the one kept before the write, with the record's version
        JsonNode settledEvent = byId.get(settled.event().eventId());
        assertThat(settledEvent.path("record_version").asText()).isEqualTo(now.version().toString());
        assertThat(settledEvent.path("after").path("status").asText()).isEqualTo("Discarded");
        assertThat(settledEvent.path("published").asBoolean()).isFalse();
        assertThat(hits(TestDatasets.LAYOUT.jobsIndex(), Map.of("term", Map.of("page_of", dead.id()))))
                .as("no page of the job left in flight").isEmpty();

        assertThat(jobs.get(alive.id()).await().indefinitely().state()).as("a job with a live lease").isEqualTo(Job.State.running);
        assertThat(source(alive.id()).path(JobStore.OWNER).asText()).isEqualTo("a-replica-still-running");
    }

    /** A page kept in flight: its key, and the history entries of its records when they were written. */
    private record Kept(String key, List<HistoryEntry> entries) {
    }

    /**
     * A page of {@code job} as its runner keeps it before writing it; {@code written}: its records written too, as
     * the runner would (their history entries answered, not appended).
     */
    private Kept keep(Job job, List<String> ids, boolean written) {
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "taken");
        Map<String, VersionedRecord> current = records.findAll(index, Task.TextClassification, ids).await().indefinitely();
        Instant now = Instant.now();
        List<PagesInFlight.Write> writes = new ArrayList<>();
        List<TaskRecord> changed = new ArrayList<>();
        for (String id : ids) {
            VersionedRecord record = current.get(id);
            TaskRecord after = annotator.apply(record.record(), DISCARD, "ana", List.of(), "").stampedAt(now);
            changed.add(after);
            writes.add(new PagesInFlight.Write(events.changing("team-a", "taken", record.record(), after, "ana",
                    job.id(), now), record.version()));
        }
        String key = inFlight.keep(job.id(), ids.get(ids.size() - 1), writes).await().indefinitely();
        List<HistoryEntry> entries = new ArrayList<>();
        if (written) {
            for (int i = 0; i < ids.size(); i++) {
                VersionedRecord record = current.get(ids.get(i));
                RecordVersion version = records.replace(index, changed.get(i), record.team(), record.version(), "false")
                        .await().indefinitely();
                entries.add(HistoryEvents.written(writes.get(i).event(), version));
            }
        }
        return new Kept(key, entries);
    }

    private JsonNode source(String jobId) {
        return data.es().send("GET", "/" + TestDatasets.LAYOUT.jobsIndex() + "/_doc/" + jobId, null).path("_source");
    }

    private List<String> load(String name) {
        data.dataset("team-a", name, Task.TextClassification, List.of());
        StringBuilder bulk = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            TextClassificationRecord record = json.convertValue(
                    TestDatasets.news("b" + i, "Match report number " + i, "Sports", 0.9), TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-11-28T10:00:00Z"));
            data.appendIndexAction(bulk, "team-a", name, record);
            ids.add("b" + i);
        }
        assertThat(data.es().send("POST", "/_bulk", bulk.toString()).path("errors").asBoolean()).isFalse();
        data.es().send("POST", "/" + TestDatasets.LAYOUT.recordsIndex("team-a", name) + "/_refresh", null);
        return ids;
    }

    private List<JsonNode> hits(String index, Map<String, Object> query) {
        data.es().send("POST", "/" + index + "/_refresh", null);
        JsonNode answer = data.es().send("POST", "/" + index + "/_search", Map.of("query", query, "size", 10_000));
        List<JsonNode> sources = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }

    private long count(String index, Map<String, Object> query) {
        data.es().send("POST", "/" + index + "/_refresh", null);
        return data.es().send("POST", "/" + index + "/_count", Map.of("query", query)).path("count").asLong();
    }
}
