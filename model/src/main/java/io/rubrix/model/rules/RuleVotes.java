package io.rubrix.model.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.query.RecordQuery;

/**
 * A dataset's rules as one Elasticsearch query whose clauses are named after the rules: a hit's
 * {@code matched_queries} are the rules that vote on it, so a scan reads the votes without a search per rule.
 */
public final class RuleVotes {

    private final List<LabelingRule> rules;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public RuleVotes(List<LabelingRule> rules) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < rules.size(); i++) {
            indexByName.put(rules.get(i).name(), i);
        }
    }

    public List<LabelingRule> rules() {
        return rules;
    }

    /** The records at least one rule matches, each clause named after its rule. */
    public ObjectNode anyRule(ObjectMapper json) {
        ObjectNode query = everyRecord(json);
        ((ObjectNode) query.get("bool")).put("minimum_should_match", 1);
        return query;
    }

    /** Every record, each rule's clause named after it (a record no rule matches has no votes). */
    public ObjectNode everyRecord(ObjectMapper json) {
        ObjectNode query = json.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("must").addObject().putObject("match_all");
        for (LabelingRule rule : rules) {
            ObjectNode clause = RecordQuery.textQuery(json, rule.query());
            ((ObjectNode) clause.get("query_string")).put("_name", rule.name());
            bool.withArray("should").add(clause);
        }
        return query;
    }

    /** {@link #anyRule}, among the records whose {@code multi_label} is {@code multiLabel}. */
    public ObjectNode anyRule(ObjectMapper json, boolean multiLabel) {
        ObjectNode query = anyRule(json);
        ((ObjectNode) query.get("bool")).withArray("filter").addObject().putObject("term")
                .put("multi_label", multiLabel);
        return query;
    }

    /** The indices (in {@link #rules()}) of the rules a hit matched. */
    public int[] of(JsonNode hit) {
        List<Integer> matched = new ArrayList<>();
        hit.path("matched_queries").forEach(name -> {
            Integer index = indexByName.get(name.asText());
            if (index != null) {
                matched.add(index);
            }
        });
        return matched.stream().mapToInt(Integer::intValue).toArray();
    }
}
