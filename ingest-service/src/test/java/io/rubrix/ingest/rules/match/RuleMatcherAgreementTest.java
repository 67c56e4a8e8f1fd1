package io.rubrix.ingest.rules.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.testing.ElasticsearchTestClient;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.rules.LabelingRule;

/**
 * The point of the matcher: over the same documents, the records a rule's query matches in process are the records
 * Elasticsearch finds for {@code RecordQuery.textQuery} of the same query. The documents are written by common's
 * {@link RecordDocument}, as ingest writes them, into a throwaway index made from the records template.
 */
class RuleMatcherAgreementTest {

    private static final String PREFIX = "rubrix-test-ingest-match";
    private static final ObjectMapper JSON = RubrixJson.newMapper();
    private static final ElasticsearchTestClient ES = ElasticsearchTestClient.fromConfig();
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static final Map<String, JsonNode> TEXT_DOCUMENTS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> TOKEN_DOCUMENTS = new LinkedHashMap<>();

    /** Queries where the two cannot agree, with the reason (see RuleMatcher's javadoc). */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "last_updated:[2026-01-01 TO *]", "date fields are not indexed by the matcher",
            "inputs.\\*:winner", "field name patterns are not expanded by the matcher");

    static final List<String> QUERIES = List.of(
            "winner", "the", "the winner", "WINNER", "Winner prize", "\"free prize\"", "\"winner of the prize\"",
            "\"prize winner\"~3", "winner AND prize", "winner OR meeting", "prize NOT winner", "winner -prize",
            "NOT meeting", "meeting AND (NOT budget)", "winner AND (NOT prize)", "metadata.size:14", "(free OR cheap) AND (prize OR money OR cash)",
            "winner || meeting && budget", "priz*", "*ney", "w?nner", "prize~", "mony~", "prise~1", "budgt~",
            "/pri[sz]e/", "/Pri.*/", "inputs.subject:winner", "inputs.subject:the", "inputs.body:(prize OR cash)",
            "inputs.text:\"the budget\"", "inputs.subject.keyword:\"You are a WINNER\"",
            "inputs.subject.keyword:winner", "metadata.source:web", "metadata.source:Web",
            "metadata.source:(web OR email)", "metadata.size:[10 TO 20]", "metadata.size:{10 TO 20}",
            "metadata.size:>100", "metadata.size:<=12", "metadata.size:15", "metadata.size:15.5",
            "metadata.size:[10.5 TO 15.5]", "metadata.size:abc", "metadata.ratio:0.25", "metadata.ratio:[0.2 TO 0.6]",
            "metadata.ratio:>0.5", "metadata.flag:true", "metadata.campaign:*", "_exists_:metadata.campaign",
            "_exists_:metadata", "score:>0.5", "score:[0.2 TO 0.6}", "score:0.9", "score:high", "predicted_as:spam",
            "predicted_as:SPAM", "annotated_as:ham AND status:Validated", "predicted:ko", "multi_label:false",
            "id:r7", "id:(r1 OR r2 OR r30)", "inputs.subject:*", "e-mail", "\"e-mail\"", "email", "don't",
            "\"lunch tomorrow\"", "café", "CAFÉ", "東京", "東", "naïve résumé", "10am", "3.5", "x@y.com",
            "über-cool", "money AND metadata.size:[* TO 50]", "nothing_matches_this", "unknown_field:winner",
            "words:winner", "prize^2 winner", "(winner OR prize) AND NOT (metadata.source:web)", "predicted_by:model-a",
            "last_updated:[2026-01-01 TO *]", "inputs.\\*:winner");

    @BeforeAll
    static void index() {
        List<TaskRecord> texts = textRecords();
        String textIndex = PREFIX + "-" + RUN + "-text";
        write(textIndex, texts, TEXT_DOCUMENTS);
        List<TaskRecord> tokens = List.of(
                token("t1", "Ana met Bob in Paris", List.of("Ana", "met", "Bob", "in", "Paris"), "PER"),
                token("t2", "The prize went to Carla", List.of("The", "prize", "went", "to", "Carla"), "PER"),
                token("t3", "Lunch in Tōkyō with the team", List.of("Lunch", "in", "Tōkyō", "with", "the", "team"),
                        "LOC"));
        write(PREFIX + "-" + RUN + "-token", tokens, TOKEN_DOCUMENTS);
    }

    @AfterAll
    static void clean() {
        ES.deleteIndices(PREFIX + "-" + RUN + "-*");
    }

    private static void write(String index, List<TaskRecord> records, Map<String, JsonNode> documents) {
        JsonNode template = read(new IndexTemplates(new IndexLayout(PREFIX), 0).recordsTemplate()).path("template");
        JsonNode created = ES.send("PUT", "/" + index, template);
        assertThat(created.path("acknowledged").asBoolean()).as(created.toString()).isTrue();
        StringBuilder bulk = new StringBuilder();
        for (TaskRecord record : records) {
            String document = RecordDocument.json(JSON, record.stampedAt(NOW));
            JsonNode parsed = read(document);
            String id = parsed.path("id").asText();
            documents.put(id, parsed);
            bulk.append("{\"index\":{\"_id\":\"").append(id).append("\"}}\n").append(document).append('\n');
        }
        JsonNode answer = ES.send("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
        assertThat(answer.path("errors").asBoolean()).as(answer.toString()).isFalse();
    }

    @Test
    void theMatcherFindsWhatElasticsearchFindsForEveryQuery() {
        List<String> disagreements = new ArrayList<>();
        int agreed = 0;
        for (String query : QUERIES) {
            TreeSet<String> elasticsearch = search(PREFIX + "-" + RUN + "-text", query);
            TreeSet<String> matcher = match(query, TEXT_DOCUMENTS);
            if (KNOWN_DIFFERENCES.containsKey(query)) {
                assertThat(matcher).as("known difference [%s]: %s", query, KNOWN_DIFFERENCES.get(query))
                        .isNotEqualTo(elasticsearch);
                System.out.printf("known difference [%s]: Elasticsearch %s, matcher %s (%s)%n", query, elasticsearch,
                        matcher, KNOWN_DIFFERENCES.get(query));
                continue;
            }
            if (elasticsearch.equals(matcher)) {
                agreed++;
                System.out.printf("agree %2d records [%s]%n", matcher.size(), query);
            } else {
                disagreements.add("[" + query + "]: Elasticsearch " + elasticsearch + ", matcher " + matcher
                        + ", query " + RuleMatcher.parse(query));
            }
        }
        System.out.printf("RuleMatcher agreement: %d of %d queries agree, %d known differences%n", agreed,
                QUERIES.size(), KNOWN_DIFFERENCES.size());
        assertThat(disagreements).isEmpty();
    }

    @Test
    void tokenClassificationRecordsAreSearchedByTheirRawText() {
        List<String> queries = List.of("prize", "the", "\"ana met bob\"", "raw_text:paris", "raw_text:the",
                "tokyo", "Tōkyō", "predicted_as:PER", "annotated_as:LOC", "score:>0.5", "words:carla");
        List<String> disagreements = new ArrayList<>();
        for (String query : queries) {
            TreeSet<String> elasticsearch = search(PREFIX + "-" + RUN + "-token", query);
            TreeSet<String> matcher = match(query, TOKEN_DOCUMENTS);
            if (!elasticsearch.equals(matcher)) {
                disagreements.add("[" + query + "]: Elasticsearch " + elasticsearch + ", matcher " + matcher);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(TOKEN_DOCUMENTS.get("t1").path("words").asText()).isEqualTo("Ana met Bob in Paris");
    }

    private static TreeSet<String> search(String index, String query) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 100).put("_source", false);
        body.set("query", RecordQuery.textQuery(JSON, query));
        JsonNode answer = ES.send("POST", "/" + index + "/_search", body);
        assertThat(answer.has("hits")).as("[%s]: %s", query, answer).isTrue();
        TreeSet<String> ids = new TreeSet<>();
        answer.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    private static TreeSet<String> match(String query, Map<String, JsonNode> documents) {
        RuleMatcher matcher = RuleMatcher.compile(List.of(new LabelingRule("r", query, List.of("spam"), null, null,
                null, null)));
        TreeSet<String> ids = new TreeSet<>();
        documents.forEach((id, document) -> {
            if (matcher.matches(document).length > 0) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 30 varied records: one text or a subject and a body; metadata of every kind; predictions and annotations. */
    static List<TaskRecord> textRecords() {
        String[][] mails = {
            {"You are a WINNER", "Claim your free prize now!"},
            {"Meeting tomorrow", "Meeting tomorrow at 10am about the budget"},
            {null, "The winner of the prize will be announced"},
            {null, "Cheap money, fast cash: no questions asked"},
            {"Re: lunch", "Lunch tomorrow? The café near the station"},
            {null, "Your e-mail account needs verification: write to x@y.com"},
            {"Budget", "The budgt for Q3 is 3.5 million"},
            {null, "Prize winner: naïve résumé tips"},
            {"東京 trip", "Tickets for 東京 and über-cool hotels"},
            {null, "It's the money that matters, don't you think"},
            {"PRISE", "La prise électrique est cassée"},
            {null, "Win a prize in our monthly draw"},
            {"the", "the and of to"},
            {null, "Free Prize inside every box"},
            {"Agenda", "meeting notes and budget review"},
            {null, "mony mony mony"},
            {"winner winner", "chicken dinner"},
            {null, "CAFÉ au lait"},
            {"Invoice", "Please find attached the invoice for the cash payment"},
            {null, "Prizes, prizes and more prizes!"},
            {"Hello", "email me when you are free"},
            {null, "The free prize is for the winner"},
            {"Status", "All systems operational"},
            {null, "prize-winning recipe from our chef"},
            {"Offer", "cheap flights and cheap hotels"},
            {null, "Was it a prize or a price?"},
            {"Urgent", "Your account is blocked, send money"},
            {null, "10am stand-up moved"},
            {"Re: Re: winner", "Congratulations to the winner of the chess tournament"},
            {null, "nothing to see here"},
        };
        String[] sources = {"web", "email", "Web", "sms"};
        List<TaskRecord> records = new ArrayList<>();
        for (int i = 0; i < mails.length; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", "r" + (i + 1));
            Map<String, Object> inputs = new LinkedHashMap<>();
            if (mails[i][0] != null) {
                inputs.put("subject", mails[i][0]);
                inputs.put("body", mails[i][1]);
            } else {
                inputs.put("text", mails[i][1]);
            }
            record.put("inputs", inputs);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", sources[i % sources.length]);
            metadata.put("size", i * 7 % 130);
            metadata.put("ratio", (i % 5) * 0.25 + 0.0); // a decimal always, 0.0 included
            metadata.put("flag", i % 3 == 0);
            if (i % 4 == 1) {
                metadata.put("campaign", "c" + i);
            }
            record.put("metadata", metadata);
            if (i % 6 != 5) {
                String label = i % 2 == 0 ? "spam" : "ham";
                double confidence = 0.1 + (i % 9) * 0.1;
                record.put("prediction", Map.of("agent", i % 3 == 0 ? "model-a" : "model-b", "labels",
                        List.of(Map.of("class", label, "confidence", confidence),
                                Map.of("class", label.equals("spam") ? "ham" : "spam", "confidence",
                                        Math.max(0, 1 - confidence - 0.05)))));
            }
            if (i % 4 == 0) {
                record.put("annotation", Map.of("agent", "ana", "labels",
                        List.of(Map.of("class", i % 8 == 0 ? "ham" : "spam"))));
                record.put("status", "Validated");
            }
            records.add(JSON.convertValue(record, TextClassificationRecord.class));
        }
        return records;
    }

    private static TaskRecord token(String id, String text, List<String> tokens, String label) {
        int end = tokens.get(0).length();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("raw_text", text);
        record.put("tokens", tokens);
        record.put("prediction", Map.of("agent", "ner", "score", label.equals("PER") ? 0.8 : 0.3, "entities",
                List.of(Map.of("start", 0, "end", end, "label", label))));
        record.put("annotation", Map.of("agent", "ana", "entities",
                List.of(Map.of("start", 0, "end", end, "label", label))));
        return JSON.convertValue(record, TokenClassificationRecord.class);
    }
}
