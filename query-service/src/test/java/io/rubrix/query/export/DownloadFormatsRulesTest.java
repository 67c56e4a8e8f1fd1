package io.rubrix.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;

/** The download's formats without Elasticsearch: CSV columns, rows and quoting, CoNLL blocks, and refused parameters. */
@Tag("fast")
class DownloadFormatsRulesTest {

    private final ObjectMapper json = RubrixJson.newMapper();

    @Test
    void csvHeaderHasTheFixedColumnsAroundTheDatasetsInputsAndMetadataFromItsMapping() throws Exception {
        DatasetFields fields = DatasetFields.of(json.readTree("""
                {"rubrix.records.team-a.news": {"mappings": {"properties": {
                  "id": {"type": "keyword"},
                  "inputs": {"dynamic": "true", "properties": {
                    "title": {"type": "text", "fields": {"keyword": {"type": "keyword"}}},
                    "body": {"type": "text"}}},
                  "metadata": {"dynamic": "true", "properties": {
                    "split": {"type": "keyword"}, "n": {"type": "long"},
                    "source": {"properties": {"feed": {"type": "keyword"}}}}}}}}}
                """));

        assertThat(fields).isEqualTo(new DatasetFields(List.of("body", "title"), List.of("n", "source.feed", "split")));
        assertThat(new CsvRows(Task.TextClassification, fields, json).header()).containsExactly("id", "inputs.body",
                "inputs.title", "status", "annotation", "annotation_agent", "prediction", "prediction_confidence",
                "prediction_agent", "event_timestamp", "metadata.n", "metadata.source.feed", "metadata.split");
        assertThat(new CsvRows(Task.Text2Text, DatasetFields.NONE, json).header()).startsWith("id", "text", "status")
                .endsWith("event_timestamp");
        assertThat(DatasetFields.of(json.createObjectNode())).isEqualTo(DatasetFields.NONE);
    }

    @Test
    void csvRowsQuoteCommasQuotesAndLineBreaksAndJoinSeveralLabels() throws Exception {
        DatasetFields fields = new DatasetFields(List.of("text"), List.of("n", "source.feed", "tags"));
        CsvRows rows = new CsvRows(Task.TextClassification, fields, json);
        TaskRecord single = record(TextClassificationRecord.class, """
                {"id": "r1", "inputs": {"text": "Stocks, bonds and \\"funds\\"\\nrally"}, "status": "Validated",
                 "prediction": {"agent": "m1", "labels": [{"class": "World", "confidence": 0.2},
                                                          {"class": "Business", "confidence": 0.8}]},
                 "annotation": {"agent": "ana", "labels": [{"class": "Business"}]},
                 "metadata": {"n": 3, "source": {"feed": "reuters"}, "tags": ["a", "b"]},
                 "event_timestamp": "2026-11-28T10:00:00Z"}""");
        TaskRecord multi = record(TextClassificationRecord.class, """
                {"id": 2, "inputs": {"text": "plain"}, "multi_label": true,
                 "prediction": {"agent": "m2", "labels": [{"class": "A", "confidence": 0.9},
                   {"class": "B", "confidence": 0.6}, {"class": "C", "confidence": 0.1}]},
                 "annotation": {"agent": "ana", "labels": [{"class": "A"}, {"class": "C"}]}}""");

        String csv = new String(CsvText.of(List.of(rows.header(), rows.row(single), rows.row(multi))),
                StandardCharsets.UTF_8);

        assertThat(csv).isEqualTo("id,inputs.text,status,annotation,annotation_agent,prediction,prediction_confidence,"
                + "prediction_agent,event_timestamp,metadata.n,metadata.source.feed,metadata.tags\r\n"
                + "r1,\"Stocks, bonds and \"\"funds\"\"\nrally\",Validated,Business,ana,Business,0.8,m1,"
                + "2026-11-28T10:00:00Z,3,reuters,a;b\r\n"
                + "2,plain,Default,A;C,ana,A;B,0.9;0.6,m2,,,,\r\n");
    }

    @Test
    void csvRowsOfTokenClassificationListEntitiesAndOfText2TextTheSentences() throws Exception {
        TaskRecord tokens = record(TokenClassificationRecord.class, """
                {"id": "t1", "tokens": ["Ana", "plays", "Muse"], "raw_text": "Ana plays Muse",
                 "prediction": {"agent": "ner", "entities": [{"start": 10, "end": 14, "label": "BAND"}], "score": 0.7},
                 "annotation": {"agent": "ana", "entities": [{"start": 0, "end": 3, "label": "PER"},
                                                             {"start": 10, "end": 14, "label": "BAND"}]}}""");
        TaskRecord sentences = record(Text2TextRecord.class, """
                {"id": "s1", "text": "Le chat dort.",
                 "prediction": {"agent": "mt", "sentences": [{"text": "The cat sleeps.", "score": 0.6},
                                                             {"text": "The cat is asleep.", "score": 0.9}]},
                 "annotation": {"agent": "ana", "sentences": [{"text": "The cat is sleeping."}]}}""");

        assertThat(new CsvRows(Task.TokenClassification, DatasetFields.NONE, json).row(tokens)).containsExactly("t1",
                "Ana plays Muse", "Default", "PER:0-3;BAND:10-14", "ana", "BAND:10-14", "0.7", "ner", "");
        assertThat(new CsvRows(Task.Text2Text, DatasetFields.NONE, json).row(sentences)).containsExactly("s1",
                "Le chat dort.", "Default", "The cat is sleeping.", "ana", "The cat is asleep.", "0.9", "mt", "");
    }

    @Test
    void conllTagsFromTheAnnotationElseThePredictionAndSaysWhich() throws Exception {
        TokenClassificationRecord annotated = record(TokenClassificationRecord.class, """
                {"id": "t1", "tokens": ["Ana", "plays", "Muse"], "raw_text": "Ana plays Muse",
                 "prediction": {"agent": "ner", "entities": [{"start": 10, "end": 14, "label": "BAND"}]},
                 "annotation": {"agent": "ana", "entities": [{"start": 0, "end": 3, "label": "PER"},
                                                             {"start": 10, "end": 14, "label": "BAND"}]}}""");
        TokenClassificationRecord predicted = record(TokenClassificationRecord.class, """
                {"id": "t2", "tokens": ["New", "York", "calling"], "raw_text": "New York calling",
                 "prediction": {"agent": "ner", "entities": [{"start": 0, "end": 8, "label": "LOC"}]}}""");
        TokenClassificationRecord bare = record(TokenClassificationRecord.class, """
                {"id": "t3", "tokens": ["nothing"], "raw_text": "nothing"}""");

        assertThat(ConllBlocks.of(List.of(annotated, predicted, bare), TagSource.annotation)).isEqualTo("""
                # id = t1
                # tags = annotation
                Ana\tB-PER
                plays\tO
                Muse\tB-BAND

                # id = t2
                # tags = prediction
                New\tB-LOC
                York\tI-LOC
                calling\tO

                # id = t3
                # tags = none
                nothing\tO

                """);
        assertThat(ConllBlocks.of(List.of(annotated), TagSource.prediction))
                .isEqualTo("# id = t1\n# tags = prediction\nAna\tO\nplays\tO\nMuse\tB-BAND\n\n");
    }

    @Test
    void theFormatTheSourceAndTheQueryRefuseWhatTheyAreNotWithA400NamingThem() {
        assertThat(ExportFormat.of(null, Task.TextClassification)).isEqualTo(ExportFormat.jsonl);
        assertThat(ExportFormat.of("conll", Task.TokenClassification)).isEqualTo(ExportFormat.conll);
        assertThat(ExportFormat.csv.fileName("news")).isEqualTo("news.csv");
        refused(() -> ExportFormat.of("xml", Task.TextClassification), "format", "'xml' is not one of jsonl, csv, conll");
        refused(() -> ExportFormat.of("conll", Task.Text2Text), "format",
                "conll is for TokenClassification datasets; use jsonl or csv");

        assertThat(TagSource.of(null, ExportFormat.csv)).isEqualTo(TagSource.annotation);
        assertThat(TagSource.of("prediction", ExportFormat.conll)).isEqualTo(TagSource.prediction);
        refused(() -> TagSource.of("model", ExportFormat.conll), "source", "'model' is not one of annotation, prediction");
        refused(() -> TagSource.of("prediction", ExportFormat.csv), "source", "applies to format=conll only");

        assertThat(ExportQuery.ofParameter(null, json)).isEqualTo(RecordQuery.all());
        assertThat(ExportQuery.ofParameter("{\"status\": [\"Validated\"], \"query_text\": \"a, b\"}", json).status())
                .containsExactly(RecordStatus.Validated);
        refused(() -> ExportQuery.ofParameter("{\"status\": ", json), "query", null);
        refused(() -> ExportQuery.ofParameter("{} {}", json), "query", null);
        refused(() -> ExportQuery.ofParameter("[]", json), "query", "must be a JSON object");
        refused(() -> ExportQuery.ofParameter("{\"status\": [\"Nope\"]}", json), "query.status[0]", null);
    }

    private <T> T record(Class<T> type, String record) throws Exception {
        return json.readValue(record, type);
    }

    private static void refused(Runnable call, String field, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().errors().get(0).field()).isEqualTo(field);
            if (reason != null) {
                assertThat(refused.problem().errors().get(0).reason()).isEqualTo(reason);
            }
        });
    }
}
