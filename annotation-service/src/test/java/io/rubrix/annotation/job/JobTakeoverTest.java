package io.rubrix.annotation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.rubrix.annotation.label.LabelChange;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.smallrye.mutiny.Uni;

/**
 * A job selected by a query whose replica died is taken over by another, once, and ends as if it had run alone
 * (issue 32, docs/adr/0016-fleet-and-traces.md). The dead replica is simulated by what it leaves behind: a job saved
 * after its first page (progress, cursor, a lease run out) and the records of the page it was writing when it died,
 * changed but not counted.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class JobTakeoverTest {

    private static final int TOTAL = 2_500;
    private static final int SAVED = 1_000; // the first page, saved with the cursor
    private static final int WRITTEN_UNSAVED = 300; // of the second page, written when the replica died

    private final TestDatasets data = new TestDatasets();
    private final ObjectMapper json = RubrixJson.newMapper();

    @Inject
    JobStore jobs;
    @Inject
    JobLease lease;
    @Inject
    JobTakeover takeover;

    @Test
    void aJobWhoseReplicaDiedIsTakenOverOnceFromItsLastPageAndEndsWithEveryRecordCountedOnce() {
        data.reset();
        List<String> ids = load("taken");
        List<String> inScanOrder = ids.stream().sorted().toList(); // the keyword order the job's scan follows
        discard(inScanOrder.subList(0, SAVED + WRITTEN_UNSAVED));

        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "taken");
        JobPlan plan = new JobPlan(index, json.createObjectNode().set("match_all", json.createObjectNode()),
                new LabelChange(null, RecordStatus.Discarded), List.of(), "ana");
        JobProgress firstPage = new JobProgress();
        firstPage.done(SAVED);
        Job dead = Job.started(UUID.randomUUID().toString(), Job.Kind.annotate, "team-a", "taken",
                Task.TextClassification, "ana", TOTAL, Instant.now()).withProgress(firstPage);
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
        String history = TestDatasets.LAYOUT.historyIndex();
        data.es().send("POST", "/" + history + "/_refresh", null);
        assertThat(count(history, Map.of("term", Map.of("job_id", dead.id()))))
                .as("history events of the records this replica changed, once each (two sweeps ran)")
                .isEqualTo(TOTAL - SAVED - WRITTEN_UNSAVED);

        assertThat(jobs.get(alive.id()).await().indefinitely().state()).as("a job with a live lease").isEqualTo(Job.State.running);
        assertThat(source(alive.id()).path(JobStore.OWNER).asText()).isEqualTo("a-replica-still-running");
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

    /** What the dead replica's run had written: those records discarded. */
    private void discard(List<String> ids) {
        String index = TestDatasets.LAYOUT.recordsIndex("team-a", "taken");
        StringBuilder bulk = new StringBuilder();
        for (String id : ids) {
            bulk.append("{\"update\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n")
                    .append("{\"doc\":{\"status\":\"Discarded\"}}\n");
        }
        JsonNode answer = data.es().send("POST", "/_bulk", bulk.toString());
        assertThat(answer.path("errors").asBoolean()).as(answer.path("items").path(0).toString()).isFalse();
        data.es().send("POST", "/" + index + "/_refresh", null);
    }

    private long count(String index, Map<String, Object> query) {
        data.es().send("POST", "/" + index + "/_refresh", null);
        return data.es().send("POST", "/" + index + "/_count", Map.of("query", query)).path("count").asLong();
    }
}
