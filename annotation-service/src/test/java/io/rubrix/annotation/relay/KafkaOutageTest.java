package io.rubrix.annotation.relay;

import static org.assertj.core.api.Assertions.assertThat;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.rubrix.annotation.AnnotationTopic;
import io.rubrix.annotation.TestDatasets;
import io.rubrix.common.testing.TestTokens;
import io.rubrix.model.record.Task;
import io.rubrix.model.security.Roles;

@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(KafkaOutageResource.class)
class KafkaOutageTest {

    private static final String NEWS = "/api/datasets/outage/TextClassification/records/";
    private final TestDatasets data = new TestDatasets();

    @BeforeEach
    void fiveRecords() {
        data.reset().dataset("team-a", "outage", Task.TextClassification, List.of())
                .records("team-a", "outage", Task.TextClassification, List.of(
                        TestDatasets.news("o1", "one", "Sports", 0.9), TestDatasets.news("o2", "two", "Sports", 0.9),
                        TestDatasets.news("o3", "three", "Sports", 0.9), TestDatasets.news("o4", "four", "Sports", 0.9),
                        TestDatasets.news("o5", "five", "Sports", 0.9)));
    }

    @AfterEach
    void kafkaIsBack() {
        KafkaOutageResource.proxy.restore();
    }

    @Test
    void labellingGoesOnDuringAKafkaOutageAndEveryEventIsDeliveredOnceInOrderWhenItIsBack() throws Exception {
        Map<TopicPartition, Long> mark = new AnnotationTopic().mark();
        KafkaOutageResource.proxy.cut();

        for (String id : List.of("o1", "o2", "o3", "o4", "o5")) {
            label(id, "Discarded"); // answered 200 while Kafka is unreachable
        }
        label("o1", "Validated"); // o1's second event must follow its first
        given().get(ConfigProvider.getConfig().getValue("test.management.url", String.class) + "/health/ready")
                .then().statusCode(200);

        // The outage must last: the relay's rounds fail meanwhile, and must neither lose nor repeat an event.
        Thread.sleep(5_000);
        assertThat(new AnnotationTopic().events(mark, this::ofThisTest, 0, Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .as("nothing reaches Kafka during the outage").isEmpty();
        String history = TestDatasets.LAYOUT.historyIndex();
        data.es().send("POST", "/" + history + "/_refresh", null);
        assertThat(data.es().send("POST", "/" + history + "/_count",
                Map.of("query", Map.of("term", Map.of("published", false)))).path("count").asLong())
                .as("the events wait in the history").isEqualTo(6);

        KafkaOutageResource.proxy.restore();
        List<ConsumerRecord<String, JsonNode>> events = new AnnotationTopic().events(mark, this::ofThisTest, 6,
                Duration.ofSeconds(90), Duration.ofSeconds(5));

        assertThat(events).as("every event once").hasSize(6);
        assertThat(events.stream().map(e -> e.value().path("event_id").asText()).distinct()).hasSize(6);
        Map<String, List<String>> statusesPerRecord = events.stream().collect(Collectors.groupingBy(
                e -> e.value().path("record_id").asText(),
                Collectors.mapping(e -> e.value().at("/after/status").asText(), Collectors.toList())));
        assertThat(statusesPerRecord.get("o1")).containsExactly("Discarded", "Validated");
        assertThat(statusesPerRecord).hasSize(5);
        data.es().send("POST", "/" + history + "/_refresh", null);
        assertThat(data.es().send("POST", "/" + history + "/_count",
                Map.of("query", Map.of("term", Map.of("published", true)))).path("count").asLong()).isEqualTo(6);
        // marked by writing each event whole again: nothing of it lost
        JsonNode first = events.get(0).value();
        JsonNode kept = data.es().source(history, first.path("event_id").asText());
        assertThat(kept.path("published_at").asText()).as("marked when Kafka took it").isNotEmpty();
        assertThat(kept.path("action").asText()).isEqualTo("annotate");
        assertThat(kept.path("record_id").asText()).isEqualTo(first.path("record_id").asText());
        assertThat(kept.path("record_seq_no").asLong()).isPositive();
        assertThat(kept.at("/after/status").asText()).isEqualTo(first.at("/after/status").asText());
        assertThat(kept.at("/before/status").asText()).isEqualTo(first.at("/before/status").asText());
    }

    private boolean ofThisTest(JsonNode event) {
        return event.path("dataset").asText().equals("outage");
    }

    private void label(String id, String status) {
        String version = given().auth().oauth2(token()).get(NEWS + id + "/annotation")
                .then().statusCode(200).extract().path("version");
        given().auth().oauth2(token()).contentType(ContentType.JSON).header("If-Match", version)
                .body(Map.of("status", status)).put(NEWS + id + "/annotation")
                .then().statusCode(200);
    }

    private static String token() {
        return TestTokens.withRole("ana", Roles.ANNOTATOR, "team-a");
    }
}
