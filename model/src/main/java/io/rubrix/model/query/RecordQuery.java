package io.rubrix.model.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.PredictionStatus;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.validation.Violation;

/**
 * A Rubrix search query: every condition given is AND-ed. {@code query_text} (alias {@code query_inputs})
 * is a query-string over all the record's text, or a map from input name to a query-string on that input;
 * {@code metadata} maps a field to a value or a list of values, or (beyond Rubrix) to a range of a numeric field
 * ({@link MetadataRange}: {@code {"gte": 1.5, "lt": 10}}); {@code confidence} (alias {@code score}) is a range on the
 * prediction's score.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordQuery(
        @JsonProperty("ids") List<String> ids,
        @JsonProperty("query_text") @JsonAlias("query_inputs") JsonNode queryText,
        @JsonProperty("metadata") Map<String, JsonNode> metadata,
        @JsonProperty("predicted_as") List<String> predictedAs,
        @JsonProperty("annotated_as") List<String> annotatedAs,
        @JsonProperty("predicted_by") List<String> predictedBy,
        @JsonProperty("annotated_by") List<String> annotatedBy,
        @JsonProperty("status") List<RecordStatus> status,
        @JsonProperty("predicted") PredictionStatus predicted,
        @JsonProperty("confidence") @JsonAlias("score") ScoreRange confidence,
        @JsonProperty("team") TeamFilter team) {

    /** {@code from} and {@code to} are inclusive; either may be absent. */
    public record ScoreRange(@JsonProperty("from") Double from, @JsonProperty("to") Double to) {
    }

    /**
     * Beyond Rubrix: records by where a team's work on them stands (ADR 0012), e.g. the review queue
     * {@code {"needs_review": true}}; every member given is AND-ed.
     *
     * @param reviewed     whether a reviewer decided the record
     * @param respondedBy  records with a response (any status) of one of these people
     * @param submittedBy  records with a submitted response of one of these people
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeamFilter(
            @JsonProperty("needs_review") Boolean needsReview,
            @JsonProperty("agreed") Boolean agreed,
            @JsonProperty("complete") Boolean complete,
            @JsonProperty("reviewed") Boolean reviewed,
            @JsonProperty("responded_by") List<String> respondedBy,
            @JsonProperty("submitted_by") List<String> submittedBy) {

        void addTo(ArrayNode filter, ObjectMapper json) {
            term(filter, "team.needs_review", needsReview);
            term(filter, "team.agreed", agreed);
            term(filter, "team.complete", complete);
            terms(json, filter, "team.responded_by", respondedBy);
            terms(json, filter, "team.submitted_by", submittedBy);
            if (reviewed != null) {
                ObjectNode exists = json.createObjectNode();
                exists.putObject("exists").put("field", "team.review.by");
                if (reviewed) {
                    filter.add(exists);
                } else {
                    filter.addObject().putObject("bool").set("must_not", exists);
                }
            }
        }

        private static void term(ArrayNode filter, String field, Boolean value) {
            if (value != null) {
                filter.addObject().putObject("term").put(field, value);
            }
        }
    }

    public static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, null, null, null, null, null, null);
    }

    public static RecordQuery withStatus(List<RecordStatus> statuses) {
        return new RecordQuery(null, null, null, null, null, null, null, statuses, null, null, null);
    }

    /** This query, or a 400 listing its violations under {@code query.<field>}. */
    public RecordQuery requireValid() {
        List<Violation> violations = violations();
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("query." + violations.get(0),
                    violations.stream().map(v -> FieldError.of("query." + v.field(), v.reason())).toList());
        }
        return this;
    }

    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        if (queryText != null && !queryText.isNull() && !queryText.isTextual() && !queryText.isObject()) {
            violations.add(new Violation("query_text", "must be a text, or a map from input name to text"));
        }
        if (queryText != null && queryText.isTextual()) {
            QueryTextFields.refused(queryText.asText())
                    .ifPresent(reason -> violations.add(new Violation("query_text", reason)));
        }
        if (queryText != null && queryText.isObject()) {
            queryText.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    violations.add(new Violation("query_text." + entry.getKey(), "must be a text"));
                } else {
                    QueryTextFields.refused(entry.getValue().asText()).ifPresent(reason ->
                            violations.add(new Violation("query_text." + entry.getKey(), reason)));
                }
            });
        }
        if (metadata != null) {
            metadata.forEach((field, value) -> {
                if (MetadataRange.isRange(value)) {
                    MetadataRange.problems(value).forEach(problem -> violations.add(new Violation("metadata." + field, problem)));
                } else if (value == null || value.isNull()) {
                    violations.add(new Violation("metadata." + field, "must be a value, a list of values or a range"));
                }
            });
        }
        noNulls(violations, "ids", ids);
        noNulls(violations, "predicted_as", predictedAs);
        noNulls(violations, "annotated_as", annotatedAs);
        noNulls(violations, "predicted_by", predictedBy);
        noNulls(violations, "annotated_by", annotatedBy);
        noNulls(violations, "status", status);
        if (confidence != null) {
            inUnitInterval(violations, "confidence.from", confidence.from());
            inUnitInterval(violations, "confidence.to", confidence.to());
        }
        if (confidence != null && confidence.from() != null && confidence.to() != null
                && confidence.from() > confidence.to()) {
            violations.add(new Violation("confidence", "from (" + confidence.from() + ") is above to ("
                    + confidence.to() + ")"));
        }
        return violations;
    }

    private static void noNulls(List<Violation> violations, String field, List<?> values) {
        for (int i = 0; values != null && i < values.size(); i++) { // List.of(..).contains(null) throws
            if (values.get(i) == null) {
                violations.add(new Violation(field + "[" + i + "]", "must not be null"));
                return;
            }
        }
    }

    private static void inUnitInterval(List<Violation> violations, String field, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            violations.add(new Violation(field, value + " is outside [0, 1]"));
        }
    }

    /** The metadata fields this query filters by a range (which must be numeric fields). */
    public List<String> metadataRangeFields() {
        return metadata == null ? List.of() : metadata.entrySet().stream()
                .filter(entry -> MetadataRange.isRange(entry.getValue())).map(Map.Entry::getKey).toList();
    }

    /** True when the query searches text ({@code query_text}), so that matches can be highlighted. */
    public boolean hasText() {
        return queryText != null && (queryText.isTextual() && !queryText.asText().isBlank()
                || queryText.isObject() && !queryText.isEmpty());
    }

    /**
     * This query without its facet filters (labels, agents, status, ok/ko, metadata, confidence): ids, text and the
     * team's filter (the set of records a view works on, such as the review queue).
     */
    public RecordQuery withoutFacetFilters() {
        return new RecordQuery(ids, queryText, null, null, null, null, null, null, null, null, team);
    }

    /**
     * The filters of this query's facets but {@code except} (a facet's name as aggregations name it: {@code status},
     * {@code predicted_as}, {@code metadata.<field>}, {@code confidence}), as Elasticsearch filter clauses: the counts
     * of a facet over the records the other facets select, so that a person can add a second value of it.
     */
    public ArrayNode facetFiltersExcept(String except, ObjectMapper json) {
        Map<String, JsonNode> otherMetadata = null;
        if (metadata != null) {
            otherMetadata = new java.util.LinkedHashMap<>(metadata);
            if (except.startsWith("metadata.")) {
                otherMetadata.remove(except.substring("metadata.".length()));
            }
        }
        RecordQuery others = new RecordQuery(null, null, otherMetadata,
                "predicted_as".equals(except) ? null : predictedAs, "annotated_as".equals(except) ? null : annotatedAs,
                "predicted_by".equals(except) ? null : predictedBy, "annotated_by".equals(except) ? null : annotatedBy,
                "status".equals(except) ? null : status, "predicted".equals(except) ? null : predicted,
                "confidence".equals(except) ? null : confidence, null);
        JsonNode filter = others.toElasticsearch(Task.TextClassification, json).path("bool").path("filter");
        return filter.isArray() ? (ArrayNode) filter : json.createArrayNode();
    }

    /** The Elasticsearch query (a {@code bool} of filters, or {@code match_all}) over a records index of {@code task}. */
    public ObjectNode toElasticsearch(Task task, ObjectMapper json) {
        ArrayNode must = json.createArrayNode();
        ArrayNode filter = json.createArrayNode();
        if (queryText != null && queryText.isTextual() && !queryText.asText().isBlank()) {
            must.add(textQuery(json, queryText.asText()));
        } else if (queryText != null && queryText.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> inputs = queryText.fields();
            while (inputs.hasNext()) {
                Map.Entry<String, JsonNode> input = inputs.next();
                must.add(queryString(json, input.getValue().asText(), textFieldOf(task, input.getKey())));
            }
        }
        terms(json, filter, "id", ids);
        terms(json, filter, "predicted_as", predictedAs);
        terms(json, filter, "annotated_as", annotatedAs);
        terms(json, filter, "predicted_by", predictedBy);
        terms(json, filter, "annotated_by", annotatedBy);
        terms(json, filter, "status", status == null ? null : status.stream().map(Enum::name).toList());
        if (predicted != null) {
            filter.addObject().putObject("term").put("predicted", predicted.name());
        }
        if (metadata != null) {
            metadata.forEach((field, value) -> {
                if (MetadataRange.isRange(value)) {
                    filter.add(MetadataRange.toElasticsearch(field, value, json));
                    return;
                }
                ArrayNode values = filter.addObject().putObject("terms").putArray("metadata." + field);
                if (value.isArray()) {
                    value.forEach(values::add);
                } else {
                    values.add(value);
                }
            });
        }
        if (team != null) {
            team.addTo(filter, json);
        }
        if (confidence != null && (confidence.from() != null || confidence.to() != null)) {
            ObjectNode range = filter.addObject().putObject("range").putObject("score");
            if (confidence.from() != null) {
                range.put("gte", confidence.from());
            }
            if (confidence.to() != null) {
                range.put("lte", confidence.to());
            }
        }
        if (must.isEmpty() && filter.isEmpty()) {
            ObjectNode matchAll = json.createObjectNode();
            matchAll.putObject("match_all");
            return matchAll;
        }
        ObjectNode query = json.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        if (!must.isEmpty()) {
            bool.set("must", must);
        }
        if (!filter.isEmpty()) {
            bool.set("filter", filter);
        }
        return query;
    }

    /** Text classification searches one input; the other tasks have one text field whatever the key. */
    private static String textFieldOf(Task task, String input) {
        return switch (task) {
            case TextClassification -> "inputs." + input;
            case TokenClassification -> "raw_text";
            case Text2Text -> "text";
        };
    }

    /**
     * The Elasticsearch query of a query string over all a record's text, as {@code query_text} given as a text
     * searches it (the search syntax: words, phrases, {@code AND}/{@code OR}/{@code NOT}, {@code inputs.subject:prize});
     * also what a labelling rule's query selects (ADR 0013). Elasticsearch refuses a text that is not valid syntax
     * with a 400 when it runs the search.
     */
    public static ObjectNode textQuery(ObjectMapper json, String text) {
        return queryString(json, text, "words");
    }

    private static ObjectNode queryString(ObjectMapper json, String text, String field) {
        ObjectNode query = json.createObjectNode();
        query.putObject("query_string").put("query", text).put("default_field", field)
                .put("default_operator", "AND").put("lenient", true);
        return query;
    }

    private static void terms(ObjectMapper json, ArrayNode filter, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode list = filter.addObject().putObject("terms").putArray(field);
            values.forEach(list::add);
        }
    }
}
