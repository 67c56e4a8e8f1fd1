package io.rubrix.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.security.Roles;

/**
 * Streaming weak labels (ADR 0013): a dataset whose rules were applied gets their weak label on every record logged
 * afterwards, over HTTP and over Kafka, as the prediction of rules:majority; a record with a model's prediction keeps
 * it; rules changed in the descriptor are compiled again. Rules: prize = "prize OR winner" -> spam, meeting ->
 * ham, free -> spam.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class WeakLabelsAtIngestTest {

    private static final String PREFIX = "rubrix-test-ingest";
    private static final String TOPIC = "rubrix-test.records";
    private static final Instant WRITTEN = Instant.parse("2026-12-06T09:00:00Z");

    private final ElasticsearchTestClient es = ElasticsearchTestClient.fromConfig();
    private final ObjectMapper json = RubrixJson.newMapper();
    private final String dataset = "weak-" + UUID.randomUUID().toString().substring(0, 8);
    private final String records = PREFIX + ".records.team-a." + dataset;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void aDatasetWhoseRulesWereApplied() {
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).body(Map.of("records", List.of(record("seed", "first mail"))))
                .post("/api/datasets/" + dataset + "/TextClassification:bulk").then().statusCode(200);
        Map<String, Object> rules = new HashMap<>();
        rules.put("prize", rule("prize", "prize OR winner", "spam"));
        rules.put("meeting", rule("meeting", "meeting", "ham"));
        rules.put("free", rule("free", "free", "spam"));
        es.send("POST", "/" + PREFIX + ".datasets/_update/team-a." + dataset + "?refresh=true", Map.of("doc",
                Map.of("settings", Map.of("rules", rules, "weak_labels", Map.of("model", "majority",
                        "applied_at", WRITTEN.plusSeconds(60).toString())))));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void recordsLoggedOverHttpGetTheRulesWeakLabelUnlessAModelPredictedThem() {
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).body(Map.of("records", List.of(
                        record("h1", "You are a winner"),
                        record("h2", "Free meeting prize"),
                        record("h3", "free lunch at the meeting"),
                        record("h4", "Quarterly report"),
                        Map.of("id", "h5", "inputs", Map.of("text", "prize draw"), "prediction", Map.of("agent",
                                "nb-1", "labels", List.of(Map.of("class", "ham", "confidence", 0.8)))))))
                .post("/api/datasets/" + dataset + "/TextClassification:bulk").then().statusCode(200);

        JsonNode h1 = es.source(records, "h1");
        assertThat(h1.at("/prediction/agent").asText()).isEqualTo("rules:majority");
        assertThat(h1.at("/prediction/labels/0/class").asText()).isEqualTo("spam");
        assertThat(h1.at("/prediction/labels/0/confidence").asDouble()).isEqualTo(1.0);
        assertThat(h1.path("predicted_by").toString()).isEqualTo("[\"rules:majority\"]");
        JsonNode h2 = es.source(records, "h2");
        assertThat(h2.at("/prediction/labels/0/class").asText()).isEqualTo("spam");
        assertThat(h2.at("/prediction/labels/0/confidence").asDouble()).isEqualTo(2.0 / 3);
        assertThat(es.source(records, "h3").has("prediction")).as("free vs meeting: a tie abstains").isFalse();
        assertThat(es.source(records, "h4").has("prediction")).as("no rule matches").isFalse();
        assertThat(es.source(records, "h5").at("/prediction/agent").asText()).isEqualTo("nb-1");
    }

    @Test
    void tokenRecordsGetTheMajorityOfTheRulesSpans() {
        String tokensDataset = dataset + "-tokens";
        String path = "/api/datasets/" + tokensDataset + "/TokenClassification:bulk";
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).body(Map.of("records", List.of(tokens("seed", "first", "one"))))
                .post(path).then().statusCode(200);
        Map<String, Object> rules = new HashMap<>();
        rules.put("city", rule("city", "Paris OR Rome", "LOC"));
        rules.put("us", rule("us", "\"New York\" OR Boston", "LOC"));
        rules.put("brand", rule("brand", "New OR Apple", "ORG"));
        es.send("POST", "/" + PREFIX + ".datasets/_update/team-a." + tokensDataset + "?refresh=true", Map.of("doc",
                Map.of("settings", Map.of("rules", rules, "weak_labels", Map.of("model", "majority",
                        "applied_at", WRITTEN.plusSeconds(60).toString())))));

        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.withRole("model-bot", Roles.INGEST, "team-a"))
                .contentType(ContentType.JSON).body(Map.of("records", List.of(
                        tokens("t1", "Ana", "flew", "from", "New", "York", "to", "Paris"),
                        tokens("t2", "Nothing", "here"))))
                .post(path).then().statusCode(200);

        // New York: "us" marks New and York (one span, LOC), "brand" marks New alone (ORG): the longer wins
        JsonNode t1 = es.source(PREFIX + ".records.team-a." + tokensDataset, "t1");
        assertThat(t1.at("/prediction/agent").asText()).isEqualTo("rules:majority");
        assertThat(t1.at("/prediction/entities").toString()).isEqualTo("[{\"start\":14,\"end\":22,"
                + "\"label\":\"LOC\",\"score\":1.0},{\"start\":26,\"end\":31,\"label\":\"LOC\",\"score\":1.0}]");
        assertThat(es.source(PREFIX + ".records.team-a." + tokensDataset, "t2").has("prediction")).isFalse();
    }

    private static Map<String, Object> tokens(String id, String... tokens) {
        return Map.of("id", id, "tokens", List.of(tokens), "raw_text", String.join(" ", tokens));
    }

    @Test
    void recordsStreamedThroughKafkaGetItTooAndAChangedRuleIsCompiledAgain() throws Exception {
        send("k1", Map.of("record", record("k1", "meeting moved to Friday")));
        await("k1 indexed").atMost(Duration.ofSeconds(60)).until(() -> exists("k1"));
        assertThat(es.source(records, "k1").at("/prediction/labels/0/class").asText()).isEqualTo("ham");

        es.send("POST", "/" + PREFIX + ".datasets/_update/team-a." + dataset + "?refresh=true", Map.of("doc",
                Map.of("settings", Map.of("rules", Map.of("meeting", rule("meeting", "friday", "spam"))))));
        send("k2", Map.of("record", record("k2", "meeting moved to Friday")));
        await("k2 indexed").atMost(Duration.ofSeconds(60)).until(() -> exists("k2"));

        assertThat(es.source(records, "k2").at("/prediction/labels/0/class").asText())
                .as("the edited rule votes spam on friday").isEqualTo("spam");
    }

    private boolean exists(String id) {
        es.send("POST", "/" + records + "/_refresh", null);
        return es.count(records) > 0 && es.send("POST", "/" + records + "/_search", Map.of("query",
                Map.of("ids", Map.of("values", List.of(id))))).at("/hits/total/value").asInt() == 1;
    }

    private void send(String key, Map<String, Object> body) throws Exception {
        Map<String, Object> envelope = new HashMap<>(body);
        envelope.put("workspace", "team-a");
        envelope.put("dataset", dataset);
        envelope.put("task", "TextClassification");
        producer.send(new ProducerRecord<>(TOPIC, key, json.writeValueAsBytes(envelope))).get();
    }

    private static Map<String, Object> record(String id, String text) {
        return Map.of("id", id, "inputs", Map.of("text", text));
    }

    private static Map<String, Object> rule(String name, String query, String label) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", name);
        rule.put("query", query);
        rule.put("labels", List.of(label));
        rule.put("author", "ana");
        rule.put("created_at", WRITTEN.toString());
        rule.put("updated_at", WRITTEN.toString());
        return rule;
    }
}
