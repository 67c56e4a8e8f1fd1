package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Weak supervision on the SpamAssassin demo (ADR 0013), through the gateway with real Keycloak tokens: the demo's
 * mails copied into a dataset of their own with their human labels and without the naive Bayes predictions; five
 * rules written by an annotator, their figures equal to the same rules' figures on the demo itself; the generative
 * label model applied; its weak labels read back as predictions of rules:generative, their F1 against the human
 * labels shown by :summary as for any model, beside the naive Bayes filter's on the same mails; the label matrix
 * downloaded with a line per mail. The figures are printed for the README.
 */
class WeakSupervisionTest {

    static final String DEMO = "/api/datasets/spam-assassin/TextClassification";
    static final String COPY_NAME = "e2e-weak-" + Long.toString(System.currentTimeMillis(), 36);
    static final String COPY = "/api/datasets/" + COPY_NAME + "/TextClassification";
    /** Rule, query, label: phrases and words a mail reader would try first. */
    static final List<List<String>> RULES = List.of(
            List.of("click-here", "\"click here\"", "spam"),
            List.of("free-money", "free AND (money OR offer OR cash)", "spam"),
            List.of("guaranteed", "guaranteed OR \"risk free\" OR \"act now\"", "spam"),
            List.of("replies", "wrote", "ham"),
            List.of("tech-lists", "linux OR perl OR python OR cvs OR kernel OR rpm", "ham"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = Map.of("admin", Stack.token("admin", "admin-password"),
            "ana", Stack.token("ana", "ana-password"));

    @Test
    void fiveRulesOnTheDemoTheirFiguresAndTheLabelModelBesideNaiveBayes() {
        List<JsonNode> mails = new ArrayList<>();
        expect(200, call("admin", "POST", DEMO + "/data", "{}")).body().lines().filter(line -> !line.isBlank())
                .forEach(line -> mails.add(Stack.read(line)));
        assertThat(mails).as("the demo corpus").hasSize(6046);
        logCopyWithoutPredictions(mails);

        for (List<String> rule : RULES) {
            expect(201, call("ana", "PUT", COPY + "/labeling/rules/" + rule.get(0), body(rule)));
        }
        JsonNode listing = Stack.read(expect(200, call("ana", "GET", COPY + "/labeling/rules", null)).body());
        assertThat(listing.path("rules").findValuesAsText("name")).containsExactly("click-here", "free-money",
                "guaranteed", "replies", "tech-lists");
        for (int i = 0; i < RULES.size(); i++) {
            JsonNode figures = listing.path("rules").get(i).path("figures");
            JsonNode onTheDemo = Stack.read(expect(200, call("ana", "POST", DEMO + "/labeling/rules:figures",
                    body(RULES.get(i)))).body()).path("figures");
            for (String figure : List.of("total_records", "annotated_records", "matched", "matched_annotated",
                    "correct", "incorrect")) {
                assertThat(figures.path(figure).asLong()).as(RULES.get(i).get(0) + " " + figure + " as on the demo")
                        .isEqualTo(onTheDemo.path(figure).asLong());
            }
            assertThat(figures.path("correct").asLong() + figures.path("incorrect").asLong())
                    .isEqualTo(figures.path("matched_annotated").asLong());
            assertThat(figures.path("precision").asDouble()).as(RULES.get(i).get(0)).isGreaterThan(0.75);
        }
        JsonNode totals = listing.path("totals");
        assertThat(totals.path("total_records").asLong()).isEqualTo(6046);
        assertThat(totals.path("matched").asLong()).isLessThanOrEqualTo(listing.path("rules").findValues("matched")
                .stream().mapToLong(JsonNode::asLong).sum());

        JsonNode job = applied("generative");
        JsonNode outcome = job.path("outcome");
        assertThat(job.path("state").asText()).isEqualTo("done");
        assertThat(job.path("done").asLong()).as("mails some rule matched, less ties").isPositive()
                .isLessThanOrEqualTo(totals.path("matched").asLong());
        assertThat(outcome.path("rules").findValuesAsText("name")).hasSize(5);
        double accuracy = outcome.at("/against_annotations/accuracy").asDouble();
        assertThat(accuracy).as("the weak labels against the human labels").isGreaterThan(0.85);

        JsonNode rules = summary(COPY, "{\"predicted_by\": [\"rules:generative\"]}");
        List<String> covered = annotatedIds(COPY, "{\"predicted_by\": [\"rules:generative\"], "
                + "\"status\": [\"Validated\"]}");
        ObjectNode sameMails = Stack.JSON.createObjectNode();
        ArrayNode ids = sameMails.putArray("ids");
        covered.forEach(ids::add);
        JsonNode naiveBayes = summary(DEMO, sameMails.toString());
        assertThat(rules.path("ok").asLong() + rules.path("ko").asLong()).as("annotated mails with a weak label")
                .isEqualTo(outcome.at("/against_annotations/annotated").asLong()).isEqualTo(covered.size());
        assertThat(naiveBayes.path("ok").asLong() + naiveBayes.path("ko").asLong()).isEqualTo(covered.size());

        List<String> matrix = expect(200, call("ana", "GET", COPY + "/labeling/rules:matrix", null)).body().lines()
                .filter(line -> !line.isBlank()).toList();
        assertThat(matrix).hasSize(6046);
        assertThat(Stack.read(matrix.get(0)).path("votes").size()).isEqualTo(5);

        JsonNode majority = applied("majority").path("outcome");
        System.out.printf("WEAK SUPERVISION on spam-assassin (6,046 mails, %d annotated): 5 rules cover %d mails "
                        + "(%.1f %%), %d annotated; generative label model: %d weak labels, accuracy %.3f, macro F1 %.3f "
                        + "on the %d annotated mails it labels (majority vote: accuracy %.3f, macro F1 %.3f on %d); "
                        + "naive Bayes on the same mails: macro F1 %.3f (ok %d, ko %d); :summary of rules:generative "
                        + "macro F1 %.3f%n",
                totals.path("annotated_records").asLong(), totals.path("matched").asLong(),
                100 * totals.path("coverage").asDouble(), totals.path("matched_annotated").asLong(),
                job.path("done").asLong(), accuracy, outcome.at("/against_annotations/macro_f1").asDouble(),
                covered.size(), majority.at("/against_annotations/accuracy").asDouble(),
                majority.at("/against_annotations/macro_f1").asDouble(),
                majority.at("/against_annotations/annotated").asLong(),
                naiveBayes.path("macro_f1").asDouble(), naiveBayes.path("ok").asLong(), naiveBayes.path("ko").asLong(),
                rules.path("macro_f1").asDouble());
        call("admin", "DELETE", "/api/datasets/" + COPY_NAME, null);
    }

    /** The mails with their text, metadata, time and human labels, logged by the admin in chunks. */
    private void logCopyWithoutPredictions(List<JsonNode> mails) {
        for (int from = 0; from < mails.size(); from += 500) {
            ObjectNode bulk = Stack.JSON.createObjectNode();
            ArrayNode records = bulk.putArray("records");
            for (JsonNode mail : mails.subList(from, Math.min(from + 500, mails.size()))) {
                ObjectNode copy = records.addObject();
                copy.set("id", mail.path("id"));
                copy.set("inputs", mail.path("inputs"));
                copy.set("event_timestamp", mail.path("event_timestamp"));
                if (mail.hasNonNull("annotation")) {
                    copy.set("annotation", mail.path("annotation"));
                    copy.set("status", mail.path("status"));
                }
            }
            JsonNode answer = Stack.read(expect(200, call("admin", "POST", COPY + ":bulk", bulk.toString())).body());
            assertThat(answer.path("failed").asInt()).as(answer.toString()).isZero();
        }
    }

    private JsonNode applied(String model) {
        String id = Stack.read(expect(202, call("ana", "POST", COPY + "/labeling/rules:apply",
                "{\"model\": \"" + model + "\"}")).body()).path("id").asText();
        return await("the " + model + " weak labels").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> Stack.read(expect(200, call("ana", "GET", "/api/jobs/" + id, null)).body()),
                        found -> !found.path("state").asText().equals("running"));
    }

    private JsonNode summary(String records, String query) {
        return Stack.read(expect(200, call("ana", "POST", records + ":summary", "{\"query\": " + query + "}")).body())
                .path("quality");
    }

    private List<String> annotatedIds(String records, String query) {
        List<String> ids = new ArrayList<>();
        expect(200, call("ana", "POST", records + "/data", query)).body().lines().filter(line -> !line.isBlank())
                .forEach(line -> ids.add(Stack.read(line).path("id").asText()));
        return ids;
    }

    private static String body(List<String> rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", rule.get(1));
        body.put("labels", List.of(rule.get(2)));
        try {
            return Stack.JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String person, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path
                        + (path.contains("?") ? "&" : "?") + "workspace=team-a"))
                .header("Authorization", "Bearer " + tokens.get(person)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Stack.send(http, request.build());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri() + ": "
                + answer.body().substring(0, Math.min(400, answer.body().length()))).isEqualTo(status);
        return answer;
    }
}
