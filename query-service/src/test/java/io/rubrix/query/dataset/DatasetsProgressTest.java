package io.rubrix.query.dataset;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.security.Roles;
import io.rubrix.query.TestIndexPrefix;

/** The datasets list says how far each dataset's labelling is: records, and labelled (validated + discarded). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class DatasetsProgressTest {

    private static final String PREFIX = TestIndexPrefix.VALUE;
    private static final IndexLayout LAYOUT = new IndexLayout(PREFIX);

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();

    @BeforeEach
    void twoDatasetsPartlyLabelledAndOneWithoutRecords() {
        es.deleteIndices(PREFIX + ".*");
        es.send("PUT", "/_index_template/" + LAYOUT.recordsTemplateName(), new IndexTemplates(LAYOUT, 0).recordsTemplate());
        es.send("PUT", "/" + LAYOUT.datasetsIndex(), new IndexTemplates(LAYOUT, 0).datasetsIndex());
        for (String name : List.of("progress-mails", "progress-news", "progress-new")) {
            es.send("PUT", "/" + LAYOUT.datasetsIndex() + "/_doc/team-a." + name + "?refresh=true",
                    Map.of("name", name, "task", "TextClassification", "workspace", "team-a", "owner", "team-a"));
        }
        StringBuilder bulk = new StringBuilder();
        records(bulk, "progress-mails", "Validated", "Validated", "Discarded", "Edited", "Default");
        records(bulk, "progress-news", "Validated", "Validated", "Validated");
        es.send("POST", "/_bulk?refresh=true", bulk.toString());
    }

    @Test
    void eachDatasetSaysHowManyOfItsRecordsAreLabelledValidatedAndDiscarded() {
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("vic", Roles.VIEWER, "team-a"))
                .get("/api/datasets/").then().statusCode(200)
                .body("name", contains("progress-mails", "progress-new", "progress-news"))
                .body("records", contains(5, 0, 3))
                .body("labelled", contains(3, 0, 3))
                .body("validated", contains(2, 0, 3))
                .body("discarded", contains(1, 0, 0))
                // the descriptor's own fields are there as before
                .body("[0].task", equalTo("TextClassification"));
    }

    private void records(StringBuilder bulk, String dataset, String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            Map<String, Object> record = new HashMap<>(Map.of("id", dataset + "-" + i, "inputs", Map.of("text", "record " + i),
                    "status", statuses[i]));
            if (!statuses[i].equals("Default")) {
                record.put("annotation", Map.of("agent", "ana", "labels", List.of(Map.of("class", "ok"))));
            }
            TextClassificationRecord parsed = json.convertValue(record, TextClassificationRecord.class)
                    .stampedAt(Instant.parse("2026-12-01T10:00:00Z"));
            bulk.append("{\"index\":{\"_index\":\"").append(LAYOUT.recordsIndex("team-a", dataset))
                    .append("\",\"_id\":\"").append(parsed.id()).append("\"}}\n")
                    .append(RecordDocument.json(json, parsed)).append('\n');
        }
    }
}
