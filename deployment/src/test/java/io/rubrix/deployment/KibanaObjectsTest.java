package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.index.IndexLayout;
import io.rubrix.common.index.IndexTemplates;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.record.RecordStatus;

/**
 * The Kibana saved objects (k8s/base/kibana/rubrix-monitoring.ndjson): every line an object, every reference
 * resolved, the data views over the indices common creates, and every field a visualisation or a saved search
 * uses mapped in common's index templates with a type that its aggregation accepts.
 */
class KibanaObjectsTest {

    static final String FILE = "k8s/base/kibana/rubrix-monitoring.ndjson";
    static final ObjectMapper JSON = new ObjectMapper();
    static final IndexLayout LAYOUT = new IndexLayout("rubrix");
    static final Map<String, JsonNode> OBJECTS = objects();
    /** Where annotation-service writes the drift index's documents, and the types it gives them (ADR 0014). */
    static final String DRIFT_STORE = "annotation-service/src/main/java/io/rubrix/annotation/monitor/DriftStore.java";
    static final String DRIFT_EVALUATION = "evaluation";
    static final String DRIFT_ALERT = "alert";

    @Test
    void theDataViewsSelectTheIndicesCommonCreatesWithADateAsTimeField() {
        JsonNode records = OBJECTS.get("index-pattern:rubrix-records").path("attributes");
        assertThat(records.path("title").asText()).isEqualTo(LAYOUT.recordsPattern());
        assertThat(records.path("timeFieldName").asText()).isEqualTo("event_timestamp");
        JsonNode history = OBJECTS.get("index-pattern:rubrix-history").path("attributes");
        assertThat(history.path("title").asText()).isEqualTo(LAYOUT.historyIndex());
        JsonNode drift = OBJECTS.get("index-pattern:rubrix-drift").path("attributes");
        assertThat(drift.path("title").asText()).isEqualTo(LAYOUT.driftIndex()).isEqualTo("rubrix.drift");
        assertThat(drift.path("timeFieldName").asText()).isEqualTo("at");
        for (String view : List.of("rubrix-records", "rubrix-history", "rubrix-drift")) {
            JsonNode attributes = OBJECTS.get("index-pattern:" + view).path("attributes");
            assertThat(fields(view).get(attributes.path("timeFieldName").asText())).as(view).isEqualTo("date");
        }
    }

    @Test
    void everyReferenceResolvesToAnObjectOfTheFile() {
        List<String> dangling = new ArrayList<>();
        OBJECTS.forEach((key, object) -> object.path("references").forEach(reference -> {
            String target = reference.path("type").asText() + ":" + reference.path("id").asText();
            if (!OBJECTS.containsKey(target)) {
                dangling.add(key + " -> " + target);
            }
        }));
        assertThat(dangling).isEmpty();
    }

    @Test
    void theDashboardShowsEveryVisualisationAndItsPanelsNameTheirReferences() {
        JsonNode dashboard = OBJECTS.get("dashboard:rubrix-monitoring");
        assertThat(dashboard.path("attributes").path("title").asText()).isEqualTo("Rubrix monitoring");
        Set<String> referenceNames = new HashSet<>();
        Set<String> shown = new HashSet<>();
        dashboard.path("references").forEach(reference -> {
            referenceNames.add(reference.path("name").asText());
            shown.add(reference.path("type").asText() + ":" + reference.path("id").asText());
        });
        JsonNode panels = parse(dashboard.path("attributes").path("panelsJSON").asText());
        assertThat(panels.size()).isEqualTo(dashboard.path("references").size());
        panels.forEach(panel -> assertThat(referenceNames).contains(
                panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText()));
        OBJECTS.keySet().stream().filter(key -> key.startsWith("visualization:") || key.startsWith("search:"))
                .forEach(key -> assertThat(shown).as("on the dashboard").contains(key));
        List<String> titles = OBJECTS.values().stream().filter(o -> o.path("type").asText().equals("visualization"))
                .map(o -> o.path("attributes").path("title").asText()).toList();
        assertThat(titles).contains("Predictions over time per label", "Predictions over time per agent",
                "Confidence distribution", "Confidence over time", "Prediction ok/ko share over time",
                "Annotation throughput", "Top labels and status", "Team responses per annotator",
                "Reviews per reviewer", "Records needing review", "Drift statistics over time");
        assertThat(shown).contains("visualization:rubrix-drift-statistics", "search:rubrix-drift-alerts");
    }

    @Test
    void everyFieldAVisualisationAggregatesIsMappedWithATypeItCanAggregate() {
        List<String> wrong = new ArrayList<>();
        OBJECTS.values().stream().filter(o -> o.path("type").asText().equals("visualization")).forEach(vis -> {
            Map<String, String> fields = fields(dataView(vis));
            JsonNode state = parse(vis.path("attributes").path("visState").asText());
            state.path("aggs").forEach(agg -> {
                String field = agg.path("params").path("field").asText(null);
                if (field == null) {
                    return;
                }
                String type = fields.get(field);
                String aggregation = agg.path("type").asText();
                Set<String> accepted = switch (aggregation) {
                    case "date_histogram" -> Set.of("date");
                    case "histogram", "avg", "percentiles", "min", "max" -> Set.of("float", "double", "integer",
                            "long");
                    case "terms" -> Set.of("keyword", "boolean");
                    default -> Set.of();
                };
                if (type == null || !accepted.contains(type)) {
                    wrong.add(vis.path("id").asText() + ": " + aggregation + " on " + field + " (" + type + ")");
                }
            });
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * The history also holds comments (ADR 0004) and team members' responses (ADR 0012: a response that changes the
     * annotation is followed by an annotate event): the throughput counts decisions, as the series do.
     */
    @Test
    void theAnnotationThroughputCountsDecisionsAsTheSeriesDo() {
        JsonNode throughput = OBJECTS.get("visualization:rubrix-annotation-throughput");
        JsonNode source = parse(throughput.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON")
                .asText());
        assertThat(source.path("query").path("language").asText()).isEqualTo("kuery");
        assertThat(source.path("query").path("query").asText()).isEqualTo("action : ("
                + AnnotationEvent.Action.decisions().stream().map(action -> action == AnnotationEvent.Action.imported
                        ? "import" : action.name()).collect(java.util.stream.Collectors.joining(" or ")) + ")");
        assertThat(fields(dataView(throughput)).get("action")).isEqualTo("keyword");
    }

    /**
     * Team labelling (ADR 0012): answers per annotator and reviews per reviewer over time from the history's respond
     * and review events (the actions' names as the services write them), and the review queue from the records'
     * derived team fields, mapped in the records template.
     */
    @Test
    void theTeamLabellingObjectsCountRespondAndReviewEventsAndTheReviewQueue() {
        JsonNode responses = OBJECTS.get("visualization:rubrix-team-responses-per-annotator");
        assertThat(dataView(responses)).isEqualTo("rubrix-history");
        assertThat(query(responses)).isEqualTo("action : " + AnnotationEvent.Action.respond.name()
                + " and not after.status : " + RecordStatus.Edited.name()); // a draft's event shows as Edited
        assertThat(aggregations(responses)).containsExactly("count", "date_histogram:at", "terms:agent");

        JsonNode reviews = OBJECTS.get("visualization:rubrix-team-reviews-per-reviewer");
        assertThat(dataView(reviews)).isEqualTo("rubrix-history");
        assertThat(query(reviews)).isEqualTo("action : " + AnnotationEvent.Action.review.name());
        assertThat(aggregations(reviews)).containsExactly("count", "date_histogram:at", "terms:agent");

        JsonNode queue = OBJECTS.get("visualization:rubrix-team-needs-review");
        assertThat(dataView(queue)).isEqualTo("rubrix-records");
        assertThat(query(queue)).isEqualTo("team.needs_review : true");
        assertThat(aggregations(queue)).containsExactly("count", "terms:team.agreed");
        Map<String, String> records = fields("rubrix-records");
        assertThat(records.get("team.needs_review")).isEqualTo("boolean");
        assertThat(records.get("team.agreed")).isEqualTo("boolean");
    }

    /** A KQL query that names an unmapped field matches nothing, silently: every field a query names is mapped. */
    @Test
    void everyFieldAQueryNamesIsMapped() {
        List<String> wrong = new ArrayList<>();
        OBJECTS.values().stream().filter(o -> Set.of("visualization", "search").contains(o.path("type").asText()))
                .forEach(object -> {
                    Map<String, String> fields = fields(dataView(object));
                    Matcher named = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:")
                            .matcher(query(object));
                    while (named.find()) {
                        if (!fields.containsKey(named.group(1))) {
                            wrong.add(object.path("id").asText() + ": " + named.group(1));
                        }
                    }
                });
        assertThat(wrong).isEmpty();
    }

    private static String query(JsonNode object) {
        return parse(object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText())
                .path("query").path("query").asText();
    }

    /** A visualisation's aggregations as {@code type} or {@code type:field}, in order. */
    private static List<String> aggregations(JsonNode visualisation) {
        List<String> aggregations = new ArrayList<>();
        parse(visualisation.path("attributes").path("visState").asText()).path("aggs").forEach(agg -> {
            String field = agg.path("params").path("field").asText(null);
            aggregations.add(agg.path("type").asText() + (field == null ? "" : ":" + field));
        });
        return aggregations;
    }

    @Test
    void theSavedSearchesShowMappedFields() {
        List<String> searches = OBJECTS.keySet().stream().filter(key -> key.startsWith("search:")).toList();
        assertThat(searches).containsExactlyInAnyOrder("search:rubrix-records-search", "search:rubrix-drift-alerts");
        for (String key : searches) {
            JsonNode search = OBJECTS.get(key);
            Map<String, String> fields = fields(dataView(search));
            search.path("attributes").path("columns")
                    .forEach(column -> assertThat(fields).as(key).containsKey(column.asText()));
            assertThat(fields).as(key).containsKey(search.path("attributes").path("sort").path(0).path(0).asText());
        }
    }

    /**
     * Drift monitors (ADR 0014): annotation-service writes one document per measure and evaluation ({@code type:
     * evaluation}, its statistic in {@code value}, the threshold beside it) into {@code <prefix>.drift}; the series is
     * the statistic and the threshold over {@code at}, one line per monitor and measure.
     */
    @Test
    void theDriftSeriesIsEachMeasuresStatisticAndThresholdOverTimeFromTheEvaluations() {
        JsonNode series = OBJECTS.get("visualization:rubrix-drift-statistics");
        assertThat(dataView(series)).isEqualTo("rubrix-drift");
        assertThat(query(series)).isEqualTo("type : " + DRIFT_EVALUATION);
        assertThat(Repository.read(DRIFT_STORE)).contains("owned(key, \"" + DRIFT_EVALUATION + "\")");
        assertThat(aggregations(series)).containsExactly("avg:value", "max:threshold", "date_histogram:at",
                "terms:monitor", "terms:measure");
        JsonNode state = parse(series.path("attributes").path("visState").asText());
        assertThat(state.path("type").asText()).isEqualTo("line");
        Map<String, String> schemas = new LinkedHashMap<>();
        state.path("aggs").forEach(agg -> schemas.put(agg.path("id").asText(), agg.path("schema").asText()));
        assertThat(schemas).containsExactly(Map.entry("1", "metric"), Map.entry("2", "metric"),
                Map.entry("3", "segment"), Map.entry("4", "group"), Map.entry("5", "group"));
        // both metrics drawn: the statistic and its threshold, each a line on the one value axis
        List<String> drawn = new ArrayList<>();
        state.path("params").path("seriesParams").forEach(params -> {
            assertThat(params.path("show").asBoolean()).isTrue();
            assertThat(params.path("type").asText()).isEqualTo("line");
            assertThat(params.path("valueAxis").asText())
                    .isEqualTo(state.path("params").path("valueAxes").path(0).path("id").asText());
            drawn.add(params.path("data").path("id").asText());
        });
        assertThat(drawn).containsExactly("1", "2");
        Map<String, String> fields = fields("rubrix-drift");
        assertThat(fields).containsEntry("value", "double").containsEntry("threshold", "double")
                .containsEntry("monitor", "keyword").containsEntry("measure", "keyword").containsEntry("type", "keyword");
    }

    /** The alerts as the outbox keeps them: raised or cleared, published to Kafka or not, the webhook's delivery. */
    @Test
    void theDriftAlertsSearchListsTheAlertsWithTheirDeliveryNewestFirst() {
        JsonNode alerts = OBJECTS.get("search:rubrix-drift-alerts");
        assertThat(dataView(alerts)).isEqualTo("rubrix-drift");
        assertThat(query(alerts)).isEqualTo("type : " + DRIFT_ALERT);
        assertThat(Repository.read(DRIFT_STORE)).contains("owned(key, \"" + DRIFT_ALERT + "\")",
                "putObject(\"alert\").put(\"event_id\", alert.eventId()).put(\"type\", alert.type().name())");
        List<String> columns = new ArrayList<>();
        alerts.path("attributes").path("columns").forEach(column -> columns.add(column.asText()));
        assertThat(columns).containsExactly("at", "monitor", "measure", "alert.type", "value", "threshold",
                "published", "webhook.state");
        assertThat(alerts.path("attributes").path("sort").toString()).isEqualTo("[[\"at\",\"desc\"]]");
        Map<String, String> fields = fields("rubrix-drift");
        assertThat(fields).containsEntry("alert.type", "keyword").containsEntry("published", "boolean")
                .containsEntry("webhook.state", "keyword").containsEntry("at", "date");
        assertThat(java.util.Arrays.stream(io.rubrix.model.monitor.AlertType.values()).map(Enum::name))
                .containsExactly("raised", "cleared");
    }

    /**
     * Webhooks' URLs and secrets are kept in an index of their own, with nothing indexed, which no data view selects:
     * Kibana users reading the drift index see no secret.
     */
    @Test
    void noDataViewSelectsTheWebhookSecrets() {
        io.rubrix.common.index.IndexLayout layout = new io.rubrix.common.index.IndexLayout("rubrix");
        String secrets = layout.webhookSecretsIndex();
        OBJECTS.forEach((key, object) -> {
            if (key.startsWith("index-pattern:")) {
                String pattern = object.path("attributes").path("title").asText();
                assertThat(secrets.matches(pattern.replace(".", "\\.").replace("*", ".*")))
                        .as("data view %s selects %s", pattern, secrets).isFalse();
            }
        });
        assertThat(fields("rubrix-drift")).doesNotContainKey("secret");
        assertThat(new io.rubrix.common.index.IndexTemplates(layout, 0).webhookSecretsTemplate())
                .contains("\"enabled\": false");
        assertThat(Repository.read(DRIFT_STORE)).contains("layout.webhookSecretsIndex()")
                .contains("Map.of(\"url\", target.url(), \"secret\", target.secret())");
    }

    /** The data view a visualisation or search reads, from its search source reference. */
    private static String dataView(JsonNode object) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("type").asText().equals("index-pattern")) {
                return reference.path("id").asText();
            }
        }
        throw new AssertionError(object.path("id").asText() + " has no data view");
    }

    /** Field path to mapping type (objects included as "object"), from the template behind a data view. */
    private static Map<String, String> fields(String dataView) {
        IndexTemplates templates = new IndexTemplates(LAYOUT, 0);
        String template = switch (dataView) {
            case "rubrix-records" -> templates.recordsTemplate();
            case "rubrix-history" -> templates.historyTemplate();
            case "rubrix-drift" -> templates.driftTemplate();
            default -> throw new AssertionError("unknown data view " + dataView);
        };
        Map<String, String> fields = new LinkedHashMap<>();
        collect("", parse(template).path("template").path("mappings").path("properties"), fields);
        return fields;
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            fields.put(path, field.getValue().path("type").asText("object"));
            collect(path + ".", field.getValue().path("properties"), fields);
        }
    }

    private static Map<String, JsonNode> objects() {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (String line : Repository.read(FILE).split("\n")) {
            JsonNode object = parse(line);
            String key = object.path("type").asText() + ":" + object.path("id").asText();
            assertThat(objects.put(key, object)).as("one object per type and id: " + key).isNull();
        }
        return objects;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
