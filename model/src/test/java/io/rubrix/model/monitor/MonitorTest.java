package io.rubrix.model.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class MonitorTest {

    private final ObjectMapper json = new ObjectMapper();

    private static Monitor monitor(String name, Reference reference, List<Measure> measures, Webhook webhook) {
        return new Monitor(name, null, null, reference, "1h", "5m", null, measures, webhook, null, null, null);
    }

    private static List<String> fields(Monitor monitor, boolean secretKept) {
        return monitor.violations(secretKept).stream().map(v -> v.field()).toList();
    }

    @Test
    void aCompleteMonitorTakesTheKindsDefaults() {
        Monitor written = monitor("drift-1", new Reference(ReferenceKind.preceding, null, null, null),
                List.of(new Measure(MeasureKind.predicted_labels, null, null, null, null),
                        new Measure(MeasureKind.metadata, "price", Measure.FieldType.numeric, null, null),
                        new Measure(MeasureKind.metadata, "source", null, null, 0.3),
                        new Measure(MeasureKind.f1, null, null, null, null)), null)
                .writtenBy("admin", null, Instant.parse("2026-12-06T10:00:00Z"));
        assertEquals(List.of(), written.violations(false));
        assertEquals(Duration.ofHours(1), written.windowLength());
        assertEquals(Duration.ofMinutes(5), written.period());
        assertEquals(Monitor.DEFAULT_MIN_RECORDS, written.minRecords());
        assertEquals(List.of("predicted_labels", "metadata.price", "metadata.source", "f1"),
                written.measures().stream().map(Measure::id).toList());
        assertEquals(Measure.Statistic.psi, written.measures().get(0).statistic());
        assertEquals(0.2, written.measures().get(0).threshold());
        assertEquals(Measure.Statistic.wasserstein, written.measures().get(1).statistic());
        assertEquals(Measure.Statistic.jensen_shannon, written.measures().get(2).statistic());
        assertEquals(Measure.FieldType.categorical, written.measures().get(2).type());
        assertEquals(0.3, written.measures().get(2).threshold());
        assertEquals(Measure.Statistic.drop, written.measures().get(3).statistic());
        assertFalse(written.measures().get(1).categorical());
        assertTrue(written.measures().get(2).categorical());
    }

    @Test
    void everyWrongFieldIsNamed() {
        Monitor wrong = new Monitor("bad name", null, "team.responses.user:ana",
                new Reference(ReferenceKind.range, Instant.parse("2026-12-02T00:00:00Z"), null, null), "1 hour", "1s",
                0, List.of(new Measure(MeasureKind.predicted_labels, null, null, Measure.Statistic.ks, null),
                        new Measure(MeasureKind.metadata, "a.b", null, null, -1.0),
                        new Measure(MeasureKind.accuracy, null, null, Measure.Statistic.psi, null),
                        new Measure(MeasureKind.confidence, null, null, null, null),
                        new Measure(MeasureKind.confidence, null, null, null, null)),
                new Webhook("ftp://example.com/hook", "short", null), null, null, null);
        assertEquals(List.of("name", "query", "reference.from", "window", "every", "min_records",
                        "measures[0].statistic", "measures[1].field", "measures[1].threshold", "measures[2].statistic",
                        "measures[4]", "webhook.url", "webhook.secret"),
                fields(wrong, false));
    }

    @Test
    void aReplacementMayLeaveOutTheSecretSetBefore() {
        Monitor replaced = monitor("m", new Reference(ReferenceKind.preceding, null, null, null),
                List.of(new Measure(MeasureKind.confidence, null, null, null, null)),
                new Webhook("https://hooks.example.com/rubrix", null, null));
        assertEquals(List.of(), fields(replaced, true));
        assertEquals(List.of("webhook.secret"), fields(replaced, false));
        assertEquals(List.of("webhook.url"), fields(monitor("m", new Reference(ReferenceKind.preceding, null, null,
                null), List.of(new Measure(MeasureKind.confidence, null, null, null, null)),
                new Webhook("http://user:pw@example.com/", "0123456789abcdef", null)), false));
    }

    @Test
    void theSecretIsReadButNeverWritten() throws Exception {
        Webhook read = json.readValue("{\"url\":\"https://h.example.com/x\",\"secret\":\"0123456789abcdef\"}",
                Webhook.class);
        assertEquals("0123456789abcdef", read.secret());
        String written = json.writeValueAsString(read);
        assertFalse(written.contains("0123456789abcdef"), written);
        Monitor stored = monitor("m", new Reference(ReferenceKind.preceding, null, null, null),
                List.of(new Measure(MeasureKind.confidence, null, null, null, null)), read)
                .writtenBy("admin", null, Instant.now());
        assertNull(stored.webhook().secret());
        assertTrue(json.writeValueAsString(stored).contains("\"secret_set\":true"));
    }

    @Test
    void alertsAreRaisedAboveTheThresholdAndClearedAtOrBelowIt() {
        assertEquals(MeasureResult.Reading.drift, MeasureResult.read(0.21, 0.2));
        assertEquals(MeasureResult.Reading.ok, MeasureResult.read(0.2, 0.2));
        assertEquals(MeasureResult.Reading.insufficient, MeasureResult.read(null, 0.2));
        assertEquals(Optional.of(AlertType.raised), MeasureResult.transition(false, MeasureResult.Reading.drift));
        assertEquals(Optional.empty(), MeasureResult.transition(true, MeasureResult.Reading.drift));
        assertEquals(Optional.empty(), MeasureResult.transition(true, MeasureResult.Reading.insufficient));
        assertEquals(Optional.of(AlertType.cleared), MeasureResult.transition(true, MeasureResult.Reading.ok));
        assertEquals(Optional.empty(), MeasureResult.transition(false, MeasureResult.Reading.ok));
    }

    @Test
    void spansAreSecondsMinutesHoursOrDays() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Span.parse("30s"));
        assertEquals(Optional.of(Duration.ofDays(7)), Span.parse("7d"));
        assertEquals(Optional.empty(), Span.parse("0m"));
        assertEquals(Optional.empty(), Span.parse("1w"));
        assertEquals(Optional.empty(), Span.parse(null));
    }
}
