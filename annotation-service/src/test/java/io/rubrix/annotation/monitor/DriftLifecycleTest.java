package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.model.monitor.MeasureKind;
import io.rubrix.model.monitor.ReferenceKind;
import io.rubrix.model.monitor.AlertType;
import io.rubrix.model.monitor.Evaluation;
import io.rubrix.model.monitor.Measure;
import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.Reference;
import io.rubrix.model.record.Task;

/**
 * A stream whose drift is known, evaluated once a minute of its own time: a label share moving from 20% to 60%, the
 * confidence falling from 0.9 to 0.6 and a new metadata value appearing in minutes 5 to 7. Each alert is raised by the
 * first evaluation after the change, not before, and cleared by the first one after it ends.
 */
@QuarkusTest
@TestProfile(MonitorsResourceTest.NoScheduler.class)
@WithTestResource(OidcWiremockTestResource.class)
class DriftLifecycleTest {

    private static final String[] USUAL = {"web", "app"};
    private static final String[] WITH_MOBILE = {"web", "app", "mobile", "mobile"};

    @Inject
    DriftRounds rounds;

    @Inject
    DriftStore store;

    private final TestDatasets data = new TestDatasets();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);

    @BeforeEach
    void aReferenceHourAndTwelveMinutesOfStream() {
        data.reset();
        data.dataset("team-a", "stream", Task.TextClassification, List.of());
        DriftRecords records = new DriftRecords()
                .add("ref", 200, start.minus(30, ChronoUnit.MINUTES), 40, 0.9, USUAL, 20, false, i -> true);
        for (int minute = 0; minute < 12; minute++) {
            Instant at = start.plus(minute, ChronoUnit.MINUTES).plusSeconds(30);
            boolean drifting = minute >= 5 && minute <= 7;
            records.add("m" + minute, 100, at, drifting ? 60 : 20, drifting ? 0.6 : 0.9,
                    drifting ? WITH_MOBILE : USUAL, 20, false, i -> true);
        }
        data.records("team-a", "stream", Task.TextClassification, records.list());
    }

    @Test
    void alertsAreRaisedWithinOnePeriodOfTheChangeAndClearedAfterIt() {
        Monitor monitor = new Monitor("stream", null, null,
                new Reference(ReferenceKind.range, start.minus(1, ChronoUnit.HOURS), start, null), "1m", "1m", 50,
                List.of(new Measure(MeasureKind.predicted_labels, null, null, null, null),
                        new Measure(MeasureKind.confidence, null, null, null, null),
                        new Measure(MeasureKind.metadata, "source", null, null, null)),
                null, null, null, null).writtenBy("admin", null, start);
        MonitorKey key = new MonitorKey("team-a", "stream", Task.TextClassification, monitor);

        List<String> timeline = new ArrayList<>();
        for (int minute = 1; minute <= 12; minute++) {
            Instant at = start.plus(minute, ChronoUnit.MINUTES);
            var before = store.state(key.id()).await().indefinitely();
            Evaluation evaluation = rounds.evaluate(key, before.alerting(), before.evaluatedAt(), at).await().indefinitely();
            Set<String> after = store.state(key.id()).await().indefinitely().alerting();
            assertThat(evaluation.live().count()).as("minute %d's records", minute - 1).isEqualTo(100);
            timeline.add(minute + ":" + String.join(",", new java.util.TreeSet<>(after)));
        }

        assertThat(timeline).containsExactly("1:", "2:", "3:", "4:", "5:",
                "6:confidence,metadata.source,predicted_labels",
                "7:confidence,metadata.source,predicted_labels",
                "8:confidence,metadata.source,predicted_labels",
                "9:", "10:", "11:", "12:");
        store.refresh().await().indefinitely();
        var alerts = data.es().send("POST", "/" + TestDatasets.PREFIX + ".drift/_search", Map.of("size", 20,
                "sort", List.of(Map.of("at", "asc"), Map.of("measure", "asc")),
                "query", Map.of("term", Map.of("type", "alert"))));
        List<String> raisedAndCleared = new ArrayList<>();
        alerts.path("hits").path("hits").forEach(hit -> raisedAndCleared.add(
                Instant.parse(hit.path("_source").path("at").asText()).getEpochSecond() / 60 - start.getEpochSecond() / 60
                        + " " + hit.path("_source").path("alert").path("type").asText() + " "
                        + hit.path("_source").path("measure").asText()));
        assertThat(raisedAndCleared).containsExactly(
                "6 raised confidence", "6 raised metadata.source", "6 raised predicted_labels",
                "9 cleared confidence", "9 cleared metadata.source", "9 cleared predicted_labels");
        assertThat(alerts.path("hits").path("hits").get(0).path("_source").path("result").path("event")
                .path("type").asText()).isEqualTo(AlertType.raised.name());
    }

    /** The scheduler's evaluation and a person's "evaluate now" from the same state raise each alert once. */
    @Test
    void twoEvaluationsFromTheSameStateRaiseOneAlert() {
        Monitor monitor = new Monitor("twice", null, null,
                new Reference(ReferenceKind.range, start.minus(1, ChronoUnit.HOURS), start, null), "1m", "1m", 50,
                List.of(new Measure(MeasureKind.predicted_labels, null, null, null, null)),
                null, null, null, null).writtenBy("admin", null, start);
        MonitorKey key = new MonitorKey("team-a", "stream", Task.TextClassification, monitor);
        Instant drifting = start.plus(6, ChronoUnit.MINUTES);
        var before = store.state(key.id()).await().indefinitely();
        io.smallrye.mutiny.Uni.combine().all().unis(
                rounds.evaluate(key, before.alerting(), before.evaluatedAt(), drifting),
                rounds.evaluate(key, before.alerting(), before.evaluatedAt(), drifting.plusMillis(5)))
                .discardItems().await().indefinitely();
        assertThat(store.state(key.id()).await().indefinitely().alerting()).containsExactly("predicted_labels");
        store.refresh().await().indefinitely();
        var alerts = data.es().send("POST", "/" + TestDatasets.PREFIX + ".drift/_search", Map.of("size", 20,
                "query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("type", "alert")),
                        Map.of("term", Map.of("monitor", "twice")))))));
        assertThat(alerts.path("hits").path("total").path("value").asInt()).as(alerts.toString()).isEqualTo(1);
    }
}
