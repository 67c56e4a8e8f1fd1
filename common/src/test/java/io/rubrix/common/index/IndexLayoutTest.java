package io.rubrix.common.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;

class IndexLayoutTest {

    private final ObjectMapper json = RubrixJson.newMapper();
    private final IndexLayout layout = new IndexLayout("rubrix");

    @Test
    void everyIndexLivesUnderThePrefix() {
        assertThat(layout.recordsIndex("team-a", "news")).isEqualTo("rubrix.records.team-a.news");
        assertThat(layout.recordsPattern()).isEqualTo("rubrix.records.*");
        assertThat(layout.datasetsIndex()).isEqualTo("rubrix.datasets");
        assertThat(layout.snapshotsIndex()).isEqualTo("rubrix.snapshots");
        assertThat(layout.historyIndex()).isEqualTo("rubrix.history");
    }

    @Test
    void noNameBecomesAPatternOrAnotherIndex() {
        for (String name : List.of("x*", "a,b", "a.b", "_all", "", "A", "..")) {
            assertThatThrownBy(() -> layout.recordsIndex("team-a", name)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(422));
            assertThatThrownBy(() -> layout.recordsIndex(name, "news")).isInstanceOf(ApiException.class);
        }
        assertThat(layout.recordsPatternOf("team-a")).isEqualTo("rubrix.records.team-a.*");
        assertThat(layout.snapshotDataIndex("team-a", "news", "20261128t101500-ab12cd34"))
                .isEqualTo("rubrix.snapshot-data.team-a.news.20261128t101500-ab12cd34");
        for (String id : List.of("*", "a,b", "..", "x.y", "A")) {
            assertThatThrownBy(() -> layout.snapshotDataIndex("team-a", "news", id))
                    .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(404));
        }
    }

    @Test
    void callersIdsAreOnePathSegment() {
        assertThat(PathSegment.encode("r1")).isEqualTo("r1");
        assertThat(PathSegment.encode("../_cluster/health")).isEqualTo("..%2F_cluster%2Fhealth");
        assertThat(PathSegment.encode("..")).isEqualTo("%2E%2E");
        assertThat(PathSegment.encode("a,b*?c d")).isEqualTo("a%2Cb%2A%3Fc%20d");
    }

    @Test
    void elasticsearchReasonsNameTheDatasetNeverItsIndex() throws Exception {
        JsonNode body = json.readTree("{\"error\":{\"reason\":\"no such index [rubrix.records.team-b.sec-a]\"}}");
        assertThat(new ElasticsearchException(404, body, "GET /rubrix.records.team-b.sec-a answered 404").reason())
                .isEqualTo("no such index [dataset sec-a]");
        JsonNode two = json.readTree("{\"error\":{\"reason\":\"[rubrix.snapshot-data.team-a.news.20261128t1-ab] and "
                + "rubrix-test.records.w.d, not rubrix.history or .records. alone\"}}");
        assertThat(new ElasticsearchException(400, two, "m").reason())
                .isEqualTo("[dataset news] and dataset d, not rubrix.history or .records. alone");
        String term = "x".repeat(40_000);
        JsonNode immense = json.readTree("{\"error\":{\"reason\":\"immense term " + term + "\"}}");
        long started = System.nanoTime();
        String reason = new ElasticsearchException(400, immense, "m").reason();
        assertThat(reason).hasSize(1_001).startsWith("immense term xxx");
        assertThat(System.nanoTime() - started).as("linear, not a backtracking scan").isLessThan(100_000_000L);
    }

    @Test
    void aPrefixMustBeAValidIndexNameStart() {
        assertThatThrownBy(() -> new IndexLayout("Rubrix")).hasMessageContaining("must match");
        assertThatThrownBy(() -> new IndexLayout("-x")).hasMessageContaining("must match");
    }

    @Test
    void theRecordsTemplateMatchesThePatternWithZeroReplicasByDefault() throws Exception {
        JsonNode template = json.readTree(new IndexTemplates(layout, 0).recordsTemplate());

        assertThat(template.at("/index_patterns/0").asText()).isEqualTo("rubrix.records.*");
        assertThat(template.at("/template/settings/number_of_replicas").asInt()).isZero();
        JsonNode properties = template.at("/template/mappings/properties");
        for (String derived : List.of("predicted_as", "annotated_as", "predicted_by", "annotated_by", "predicted", "status", "id")) {
            assertThat(properties.at("/" + derived + "/type").asText()).as(derived).isEqualTo("keyword");
        }
        assertThat(properties.at("/score/type").asText()).isEqualTo("float");
        assertThat(properties.at("/words/fielddata").asBoolean()).isTrue();
        assertThat(properties.at("/event_timestamp/type").asText()).isEqualTo("date");
        assertThat(template.at("/template/mappings/dynamic_templates/0/metadata_texts/mapping/type").asText())
                .isEqualTo("keyword");
    }

    @Test
    void anAnnotatedRecordsDocumentSaysOkOnce() throws Exception {
        TextClassificationRecord record = new TextClassificationRecord(RecordId.of("r2"), null, null, null,
                new TextClassificationAnnotation("m", List.of(ClassPrediction.of("A", 0.9))),
                new TextClassificationAnnotation("ana", List.of(ClassPrediction.of("A", 1.0))),
                Map.of("text", "hi"), false, null, null, null).stampedAt(Instant.parse("2026-11-28T00:00:00Z"));

        String text = RecordDocument.json(json, record);

        assertThat(text.split("\"predicted\":", -1)).as("one predicted member").hasSize(2);
        assertThat(json.readTree(text).get("predicted").asText()).isEqualTo("ok");
    }

    @Test
    void replicasAreConfigurable() throws Exception {
        assertThat(json.readTree(new IndexTemplates(layout, 2).datasetsIndex()).at("/settings/number_of_replicas").asInt())
                .isEqualTo(2);
    }

    @Test
    void theDatasetsTemplateAppliesTheDatasetsIndexBodyToThatIndexOnly() throws Exception {
        IndexTemplates templates = new IndexTemplates(layout, 2);
        JsonNode template = json.readTree(templates.datasetsTemplate());

        assertThat(template.get("index_patterns")).containsExactly(json.getNodeFactory().textNode(layout.datasetsIndex()));
        assertThat(template.get("template")).isEqualTo(json.readTree(templates.datasetsIndex()));
    }

    @Test
    void aDocumentIsTheWireRecordPlusDerivedFields() throws Exception {
        TextClassificationRecord record = new TextClassificationRecord(RecordId.of("r1"), Map.of("split", "train"), null,
                null, new TextClassificationAnnotation("m", List.of(ClassPrediction.of("A", 0.9))), null,
                Map.of("text", "hello world"), false, null, null, null).stampedAt(Instant.parse("2026-11-28T00:00:00Z"));

        JsonNode document = RecordDocument.of(json, record);

        assertThat(document.get("id").asText()).isEqualTo("r1");
        assertThat(document.at("/metadata/split").asText()).isEqualTo("train");
        assertThat(document.get("last_updated").asText()).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(document.at("/predicted_as/0").asText()).isEqualTo("A");
        assertThat(document.at("/predicted_by/0").asText()).isEqualTo("m");
        assertThat(document.get("score").asDouble()).isEqualTo(0.9);
        assertThat(document.get("words").asText()).isEqualTo("hello world");
        assertThat(document.has("predicted")).as("no annotation: no ok/ko").isFalse();
        assertThat(json.readTree(RecordDocument.json(json, record))).as("the text form is the same document")
                .isEqualTo(document);
    }
}
