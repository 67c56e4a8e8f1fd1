package io.rubrix.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/** {@code GET .../data}: the records of a query as a file a browser saves (JSONL, CSV, CoNLL), over Elasticsearch. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class DownloadResourceTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);
    private static final String QUOTED = "Stocks, bonds and \"funds\"\nrally";

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void datasetsOfEachTaskInTeamAAndOneInTeamB() throws Exception {
        es.deleteIndices(PREFIX + ".*");
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), templates.recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), templates.datasetsIndex());
        StringBuilder bulk = new StringBuilder();
        index(bulk, "team-a", "dl-news", Task.TextClassification,
                Map.of("id", "r1", "inputs", Map.of("text", QUOTED, "title", "Markets"), "status", "Validated",
                        "prediction", Map.of("agent", "m1", "labels", List.of(Map.of("class", "World", "confidence", 0.2),
                                Map.of("class", "Business", "confidence", 0.8))),
                        "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "Business"))),
                        "metadata", Map.of("split", "train", "source", Map.of("feed", "reuters")),
                        "event_timestamp", "2026-11-28T10:00:00Z"),
                Map.of("id", "r2", "inputs", Map.of("text", "plain", "title", "Labels"), "multi_label", true,
                        "prediction", Map.of("agent", "m2", "labels", List.of(Map.of("class", "A", "confidence", 0.9),
                                Map.of("class", "B", "confidence", 0.6), Map.of("class", "C", "confidence", 0.1))),
                        "annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "A"), Map.of("class", "C"))),
                        "status", "Validated", "metadata", Map.of("split", "test", "n", 3)),
                Map.of("id", "r3", "inputs", Map.of("text", "nothing known")));
        index(bulk, "team-a", "dl-ner", Task.TokenClassification,
                Map.of("id", "t1", "tokens", List.of("Ana", "plays", "Muse"), "raw_text", "Ana plays Muse",
                        "prediction", Map.of("agent", "ner", "entities", List.of(Map.of("start", 10, "end", 14, "label", "BAND")),
                                "score", 0.7),
                        "annotation", Map.of("agent", "ana", "entities", List.of(Map.of("start", 0, "end", 3, "label", "PER"),
                                Map.of("start", 10, "end", 14, "label", "BAND"))), "status", "Validated"),
                Map.of("id", "t2", "tokens", List.of("New", "York", "calling"), "raw_text", "New York calling",
                        "prediction", Map.of("agent", "ner", "entities", List.of(Map.of("start", 0, "end", 8, "label", "LOC")))),
                Map.of("id", "t3", "tokens", List.of("nothing"), "raw_text", "nothing"));
        index(bulk, "team-a", "dl-t2t", Task.Text2Text,
                Map.of("id", "s1", "text", "Le chat dort.",
                        "prediction", Map.of("agent", "mt", "sentences", List.of(Map.of("text", "The cat sleeps.", "score", 0.6),
                                Map.of("text", "The cat is asleep.", "score", 0.9))),
                        "annotation", Map.of("agent", "ana", "sentences", List.of(Map.of("text", "The cat is sleeping.")))));
        index(bulk, "team-a", "dl-empty", Task.TextClassification);
        index(bulk, "team-b", "dl-secret", Task.TextClassification, Map.of("id", "b1", "inputs", Map.of("text", "team b's")));
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void csvIsAHeaderThenARowPerRecordQuotedAsRfc4180WithSeveralLabelsJoined() throws Exception {
        Response answer = download("dl-news", "TextClassification", "format=csv");

        answer.then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"dl-news.csv\"");
        String csv = answer.asString();
        assertThat(csv).startsWith("id,inputs.text,inputs.title,status,annotation,annotation_agent,prediction,"
                + "prediction_confidence,prediction_agent,event_timestamp,metadata.n,metadata.source.feed,metadata.split\r\n");
        assertThat(csv).contains("\r\nr1,\"Stocks, bonds and \"\"funds\"\"\nrally\",Markets,Validated,Business,ana,"
                + "Business,0.8,m1,2026-11-28T10:00:00Z,,reuters,train\r\n");
        List<String[]> rows = rows(csv);
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).hasSize(13));
        List<String[]> records = sortedById(rows.subList(1, rows.size()));
        assertThat(records.get(0)[1]).isEqualTo(QUOTED);
        assertThat(records.get(1)).containsExactly("r2", "plain", "Labels", "Validated", "A;C", "ana", "A;B", "0.9;0.6",
                "m2", "", "3", "", "test");
        assertThat(records.get(2)).containsExactly("r3", "nothing known", "", "Default", "", "", "", "", "", "", "", "", "");
    }

    @Test
    void theQueryLimitAndFormatOfTheAddressNarrowTheFileAsTheyNarrowASearch() throws Exception {
        String validated = "format=csv&query=" + encoded("{\"status\": [\"Validated\"], \"query_text\": \"plain\"}");
        assertThat(rows(download("dl-news", "TextClassification", validated).then().statusCode(200).extract().asString()))
                .extracting(row -> row[0]).containsExactly("id", "r2");
        assertThat(rows(download("dl-news", "TextClassification", "format=csv&limit=1").asString())).hasSize(2);
        assertThat(download("dl-empty", "TextClassification", "format=csv").then().statusCode(200).extract().asString())
                .as("a file without records still has its header").startsWith("id,status,annotation,").endsWith("\r\n")
                .hasLineCount(1);
    }

    @Test
    void jsonlIsTheLinesOfTheRbLoadExport() {
        Response file = download("dl-news", "TextClassification", "format=jsonl");
        file.then().statusCode(200).contentType("application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"dl-news.jsonl\"");
        String posted = as("vic", Roles.VIEWER, "team-a").contentType(ContentType.JSON).body(Map.of())
                .post("/api/datasets/dl-news/TextClassification/data").then().statusCode(200).extract().asString();

        assertThat(sortedLines(file.asString())).hasSize(3).isEqualTo(sortedLines(posted));
        assertThat(download("dl-news", "TextClassification", "limit=10").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString()).as("jsonl is the default").hasLineCount(3);
    }

    @Test
    void conllTagsEachTokenFromTheAnnotationElseThePrediction() {
        Response file = download("dl-ner", "TokenClassification", "format=conll");

        file.then().statusCode(200).contentType("text/plain")
                .header("Content-Disposition", "attachment; filename=\"dl-ner.conll\"");
        assertThat(blocks(file.asString())).containsExactly(
                "# id = t1\n# tags = annotation\nAna\tB-PER\nplays\tO\nMuse\tB-BAND\n",
                "# id = t2\n# tags = prediction\nNew\tB-LOC\nYork\tI-LOC\ncalling\tO\n",
                "# id = t3\n# tags = none\nnothing\tO\n");
        assertThat(blocks(download("dl-ner", "TokenClassification", "format=conll&source=prediction").asString()))
                .contains("# id = t1\n# tags = prediction\nAna\tO\nplays\tO\nMuse\tB-BAND\n");
    }

    @Test
    void csvOfTokenClassificationAndText2TextCarriesTheirOwnLabels() throws Exception {
        List<String[]> entities = sortedById(rows(download("dl-ner", "TokenClassification", "format=csv").asString()));
        assertThat(entities.get(0)).containsExactly("id", "text", "status", "annotation", "annotation_agent", "prediction",
                "prediction_confidence", "prediction_agent", "event_timestamp");
        assertThat(entities.get(1)).containsExactly("t1", "Ana plays Muse", "Validated", "PER:0-3;BAND:10-14", "ana",
                "BAND:10-14", "0.7", "ner", "");

        List<String[]> sentences = rows(download("dl-t2t", "Text2Text", "format=csv").asString());
        assertThat(sentences.get(1)).containsExactly("s1", "Le chat dort.", "Default", "The cat is sleeping.", "ana",
                "The cat is asleep.", "0.9", "mt", "");
    }

    @Test
    void whatTheAddressGetsWrongIsA400NamingTheParameterAndNoFile() {
        refused("dl-news", "TextClassification", "format=xml", "format");
        refused("dl-news", "TextClassification", "format=conll", "format");
        refused("dl-t2t", "Text2Text", "format=conll", "format");
        refused("dl-ner", "TokenClassification", "format=conll&source=model", "source");
        refused("dl-news", "TextClassification", "format=csv&source=prediction", "source");
        refused("dl-news", "TextClassification", "format=csv&query=" + encoded("{\"status\": "), "query");
        refused("dl-news", "TextClassification", "format=csv&query=" + encoded("[]"), "query");
        refused("dl-news", "TextClassification", "format=csv&query=" + encoded("{\"status\": [\"Nope\"]}"), "query.status[0]");
        refused("dl-news", "TextClassification", "format=csv&query=" + encoded("{\"query_text\": \"text:(\"}"), "query");
        refused("dl-news", "TextClassification", "format=csv&limit=-1", "limit");
        refused("dl-news", "NoSuchTask", "format=csv", "task");
    }

    @Test
    void theWorkspaceOfTheAddressIsTheOneReadAndAnotherWorkspacesDatasetIsNotFound() throws Exception {
        String both = TestTokens.token("admin", java.util.Set.of(Roles.ADMIN), java.util.Set.of("team-a", "team-b"));
        String csv = given().urlEncodingEnabled(false).auth().oauth2(both)
                .get("/api/datasets/dl-secret/TextClassification/data?format=csv&workspace=team-b")
                .then().statusCode(200).extract().asString();
        assertThat(rows(csv)).extracting(row -> row[0]).containsExactly("id", "b1");

        given().urlEncodingEnabled(false).auth().oauth2(both)
                .get("/api/datasets/dl-news/TextClassification/data?format=csv&workspace=team-b")
                .then().statusCode(404).contentType("application/problem+json")
                .header("Content-Disposition", nullValue());
        given().urlEncodingEnabled(false).auth().oauth2(both)
                .get("/api/datasets/dl-news/TextClassification/data?format=csv&workspace=team-c").then().statusCode(404);
        as("bob", Roles.VIEWER, "team-b").get("/api/datasets/dl-news/TextClassification/data?format=csv")
                .then().statusCode(404);
        given().get("/api/datasets/dl-news/TextClassification/data?format=csv").then().statusCode(401);
    }

    private void refused(String dataset, String task, String parameters, String field) {
        download(dataset, task, parameters).then().statusCode(400).contentType("application/problem+json")
                .header("Content-Disposition", nullValue())
                .body("errors[0].field", equalTo(field));
    }

    private Response download(String dataset, String task, String parameters) {
        return as("vic", Roles.VIEWER, "team-a").get("/api/datasets/" + dataset + "/" + task + "/data?" + parameters);
    }

    private static RequestSpecification as(String user, String role, String workspace) {
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole(user, role, workspace));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String[]> rows(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static List<String[]> sortedById(List<String[]> rows) {
        List<String[]> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((String[] row) -> !row[0].equals("id")).thenComparing(row -> row[0]));
        return sorted;
    }

    private static List<String> sortedLines(String ndjson) {
        return ndjson.lines().sorted().toList();
    }

    /** The records' blocks of a CoNLL file, by id; each ends with the blank line after it. */
    private static List<String> blocks(String conll) {
        assertThat(conll).endsWith("\n\n");
        return Arrays.stream(conll.split("\n\n")).map(block -> block + "\n").sorted().toList();
    }

    @SafeVarargs
    private void index(StringBuilder bulk, String workspace, String name, Task task, Map<String, Object>... records) {
        es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/" + workspace + "." + name + "?refresh=true",
                Map.of("name", name, "task", task.name(), "workspace", workspace, "owner", workspace));
        es.send("PUT", "/" + LAYOUT.recordsIndex(workspace, name), null);
        for (Map<String, Object> record : records) {
            TaskRecord parsed = ((TaskRecord) json.convertValue(record, RecordReader.typeOf(task)))
                    .stampedAt(Instant.parse("2026-11-29T10:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex(workspace, name))
                    .append("\",\"_id\":\"").append(parsed.id().value()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
    }
}
