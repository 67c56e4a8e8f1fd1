package io.rubrix.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.ingest.dataset.DatasetService;
import io.rubrix.ingest.dataset.DescriptorLimits;
import io.rubrix.ingest.index.IndexBootstrap;
import io.rubrix.ingest.records.LabelledRecordWriter;
import io.rubrix.ingest.records.RecordWriter;
import io.rubrix.ingest.records.WriteFailure;
import io.rubrix.ingest.rules.WeakLabeller;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.dataset.DatasetSettings;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.smallrye.mutiny.Uni;

/**
 * The rules of one HTTP bulk, without Elasticsearch: the dataset service is the real one over descriptors in memory,
 * the record writers are mocks that say what they were given.
 */
@Tag("fast")
class BulkIngestionRulesTest {

    private static final String INDEX = "rubrix.records.team-a.news";
    private static final BulkCaller MACHINE = new BulkCaller("bot", false, false);
    private static final BulkCaller ANNOTATOR = new BulkCaller("ana", true, false);
    private static final BulkCaller ADMIN = new BulkCaller("root", true, true);

    private final DatasetStore store = mock(DatasetStore.class);
    private final IndexBootstrap bootstrap = mock(IndexBootstrap.class);
    private final RecordWriter writer = mock(RecordWriter.class);
    private final LabelledRecordWriter labelledWriter = mock(LabelledRecordWriter.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BulkIngestion bulks = new BulkIngestion(new DatasetService(store, bootstrap, new DescriptorLimits(100)),
            writer, labelledWriter, new WeakLabeller(RubrixJson.newMapper(), registry), RubrixJson.newMapper(),
            new IndexLayout("rubrix"), registry, 20_000);

    @BeforeEach
    void aTextClassificationDatasetWithALabelSchema() {
        when(bootstrap.ensureReady()).thenReturn(Uni.createFrom().voidItem());
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                dataset(Task.TextClassification, false))));
        when(store.update(anyString(), anyString(), anyMap(), anyBoolean())).thenReturn(Uni.createFrom().voidItem());
        when(writer.write(anyString(), any(), anyList(), anyBoolean())).thenReturn(Uni.createFrom().item(List.of()));
        when(labelledWriter.write(any(), anyList(), anyBoolean())).thenReturn(Uni.createFrom().item(List.of()));
    }

    @Test
    void validRecordsAreWrittenAndInvalidOnesReportedByPositionIdAndField() throws Exception {
        BulkResponse response = ingest(MACHINE, "{\"records\":[" + prediction("a") + ",{\"id\":\"b\",\"inputs\":{}},"
                + prediction("c") + "]}");

        assertThat(response).isEqualTo(new BulkResponse("news", 2, 1,
                List.of(new FieldError(1, "b", "inputs", "must have at least one input"))));
        assertThat(written()).extracting(record -> record.id().value()).containsExactly("a", "c");
        verifyNoInteractions(labelledWriter);
        assertThat(registry.counter("rubrix.ingest.records", "source", "http").count()).isEqualTo(2);
        assertThat(registry.counter("rubrix.ingest.records.rejected", "source", "http").count()).isEqualTo(1);
    }

    @Test
    void recordsElasticsearchRefusesAreReportedAtTheirPositionsInOrder() throws Exception {
        when(writer.write(eq(INDEX), eq(Task.TextClassification), anyList(), eq(false))).thenReturn(Uni.createFrom().item(
                List.of(new WriteFailure("c", "failed to parse field [metadata.size]", false))));

        BulkResponse response = ingest(MACHINE, "{\"records\":[" + prediction("a") + ",{\"id\":\"b\",\"inputs\":{}},"
                + prediction("c") + "]}");

        assertThat(response.processed()).isEqualTo(1);
        assertThat(response.failed()).isEqualTo(2);
        assertThat(response.errors()).containsExactly(new FieldError(1, "b", "inputs", "must have at least one input"),
                new FieldError(2, "c", "record", "failed to parse field [metadata.size]"));
    }

    @Test
    void aMachineCannotLogHumanWork() throws Exception {
        BulkResponse response = ingest(MACHINE, "{\"records\":[" + labelled("a", "bob", "sports") + ","
                + prediction("b") + "]}");

        assertThat(response.failed()).isEqualTo(1);
        assertThat(response.errors()).extracting(FieldError::index, FieldError::field).containsExactly(
                tuple(0, "annotation"), tuple(0, "status"));
        assertThat(response.errors().get(0).reason()).startsWith("only people write human labels");
        assertThat(written()).extracting(record -> record.id().value()).containsExactly("b");
        verifyNoInteractions(labelledWriter);
    }

    @Test
    void aPersonsLabelledRecordsAreCreditedToThemAndWrittenWithTheirHistory() throws Exception {
        BulkResponse response = ingest(ANNOTATOR, "{\"records\":[" + labelled("a", "bob", "sports") + "]}");

        assertThat(response).isEqualTo(new BulkResponse("news", 1, 0, List.of()));
        ArgumentCaptor<LabelledRecordWriter.Target> target = ArgumentCaptor.forClass(LabelledRecordWriter.Target.class);
        List<TaskRecord> sent = labelledWritten(target);
        assertThat(target.getValue()).isEqualTo(new LabelledRecordWriter.Target("team-a", "news", INDEX,
                Task.TextClassification, "ana"));
        assertThat(sent).singleElement().satisfies(record -> assertThat(record.annotationAgent()).isEqualTo("ana"));
        verify(writer, never()).write(anyString(), any(), anyList(), anyBoolean());
    }

    @Test
    void anAdminImportsLabelsAsTheAgentTheRecordsName() throws Exception {
        ingest(ADMIN, "{\"records\":[" + labelled("a", "bob", "sports") + "]}");

        ArgumentCaptor<LabelledRecordWriter.Target> target = ArgumentCaptor.forClass(LabelledRecordWriter.Target.class);
        assertThat(labelledWritten(target)).singleElement()
                .satisfies(record -> assertThat(record.annotationAgent()).isEqualTo("bob"));
        assertThat(target.getValue().agent()).as("the history names who imported").isEqualTo("root");
    }

    @Test
    void aValidatedRecordWithoutItsAnnotationIsRefusedFromAPerson() throws Exception {
        BulkResponse response = ingest(ANNOTATOR, "{\"records\":[{\"id\":\"v\",\"inputs\":{\"text\":\"t\"},"
                + "\"status\":\"Validated\"}]}");

        assertThat(response.errors()).containsExactly(new FieldError(0, "v", "annotation",
                "a Validated record needs the annotation that was validated"));
        verifyNoInteractions(labelledWriter);
    }

    @Test
    void aLabelOutsideTheDatasetsSchemaIsRefusedAndTheRestWritten() throws Exception {
        BulkResponse response = ingest(ANNOTATOR, "{\"records\":[" + labelled("a", "ana", "weather") + ","
                + labelled("b", "ana", "politics") + "]}");

        assertThat(response.processed()).isEqualTo(1);
        assertThat(response.errors()).containsExactly(new FieldError(0, "a", "annotation.labels[0].class",
                "label 'weather' is not in the dataset's label schema [sports, politics]"));
        assertThat(labelledWritten(ArgumentCaptor.forClass(LabelledRecordWriter.Target.class)))
                .extracting(record -> record.id().value()).containsExactly("b");
    }

    @Test
    void theLabelledRecordOfAnIdSentTwiceWinsOverItsPrediction() throws Exception {
        ingest(ANNOTATOR, "{\"records\":[" + prediction("a") + "," + labelled("a", "ana", "sports") + ","
                + prediction("b") + "]}");

        assertThat(written()).extracting(record -> record.id().value()).containsExactly("b");
        assertThat(labelledWritten(ArgumentCaptor.forClass(LabelledRecordWriter.Target.class)))
                .extracting(record -> record.id().value()).containsExactly("a");
    }

    @Test
    void theBulksTagsAndMetadataGoToTheDataset() throws Exception {
        ingest(MACHINE, "{\"tags\":{\"env\":\"prod\"},\"metadata\":{\"model\":\"v2\"},\"records\":[" + prediction("a") + "]}");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> partial = ArgumentCaptor.forClass(Map.class);
        verify(store).update(eq("team-a"), eq("news"), partial.capture(), eq(true));
        assertThat(partial.getValue()).containsEntry("tags", Map.of("env", "prod")).containsEntry("metadata",
                Map.of("model", "v2"));
    }

    @Test
    void aDatasetOfAnotherTaskTakesNoRecords() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(dataset(Task.Text2Text, false))));

        assertThatThrownBy(() -> ingest(MACHINE, "{\"records\":[" + prediction("a") + "]}"))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().detail()).contains("Text2Text", "TextClassification");
                });
        verifyNoInteractions(writer, labelledWriter);
    }

    @Test
    void aClosedDatasetTakesNoRecords() {
        when(store.find("team-a", "news")).thenReturn(Uni.createFrom().item(Optional.of(
                dataset(Task.TextClassification, true))));

        assertThatThrownBy(() -> ingest(ANNOTATOR, "{\"records\":[" + prediction("a") + "," + labelled("b", "ana", "sports")
                + "]}")).isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(409);
                    assertThat(refused.problem().detail()).contains("is closed");
                });
        verifyNoInteractions(writer, labelledWriter);
        verify(store, never()).update(anyString(), anyString(), anyMap(), anyBoolean());
    }

    @Test
    void aNewDatasetIsCreatedByTheCaller() throws Exception {
        when(store.find("team-a", "fresh")).thenReturn(Uni.createFrom().item(Optional.empty()));
        when(store.create(any())).thenReturn(Uni.createFrom().item(true));
        when(bootstrap.withIndices(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());

        BulkResponse response = bulks.ingest("team-a", MACHINE, "fresh", Task.TextClassification,
                bytes("{\"records\":[" + prediction("a") + "]}"), true).await().atMost(Duration.ofSeconds(5));

        assertThat(response.dataset()).isEqualTo("fresh");
        ArgumentCaptor<Dataset> created = ArgumentCaptor.forClass(Dataset.class);
        verify(store).create(created.capture());
        assertThat(created.getValue().createdBy()).isEqualTo("bot");
        verify(writer).write(eq("rubrix.records.team-a.fresh"), eq(Task.TextClassification), anyList(), eq(true));
    }

    private BulkResponse ingest(BulkCaller caller, String body) throws Exception {
        return bulks.ingest("team-a", caller, "news", Task.TextClassification, bytes(body), false)
                .await().atMost(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private List<TaskRecord> written() {
        ArgumentCaptor<List<TaskRecord>> records = ArgumentCaptor.forClass(List.class);
        verify(writer).write(eq(INDEX), eq(Task.TextClassification), records.capture(), eq(false));
        return records.getValue();
    }

    @SuppressWarnings("unchecked")
    private List<TaskRecord> labelledWritten(ArgumentCaptor<LabelledRecordWriter.Target> target) {
        ArgumentCaptor<List<TaskRecord>> records = ArgumentCaptor.forClass(List.class);
        verify(labelledWriter).write(target.capture(), records.capture(), eq(false));
        records.getValue().forEach(record -> assertThat(record).isInstanceOf(TextClassificationRecord.class));
        return records.getValue();
    }

    private static Dataset dataset(Task task, boolean closed) {
        return new Dataset("news", task, Map.of(), Map.of(), "team-a", "team-a", "someone",
                Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:00:00Z"), closed,
                new DatasetSettings(List.of("sports", "politics"), null));
    }

    private static String prediction(String id) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"text of " + id + "\"},"
                + "\"prediction\":{\"agent\":\"model\",\"labels\":[{\"class\":\"sports\",\"confidence\":0.9}]}}";
    }

    private static String labelled(String id, String agent, String label) {
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"text of " + id + "\"},\"status\":\"Validated\","
                + "\"annotation\":{\"agent\":\"" + agent + "\",\"labels\":[{\"class\":\"" + label + "\"}]}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
