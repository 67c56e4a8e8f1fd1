package io.rubrix.model.query;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A metadata filter given as an object, beside Rubrix's value or list of values: a range of a numeric field,
 * {@code {"gte": 1.5, "lt": 10}}. Its keys are Elasticsearch's range bounds ({@code gte}, {@code gt}, {@code lte},
 * {@code lt}), at most one per side, each a number; a side left out is open.
 */
public final class MetadataRange {

    public static final List<String> BOUNDS = List.of("gte", "gt", "lte", "lt");
    private static final int SHOWN_VALUE = 50;

    private MetadataRange() {
    }

    /** True when a metadata filter's value is a range rather than a value or a list of values. */
    public static boolean isRange(JsonNode filter) {
        return filter != null && filter.isObject();
    }

    /** Why {@code range} is no range (an unknown key, a bound that is no number, two bounds on a side ...), if it is not. */
    static List<String> problems(JsonNode range) {
        List<String> problems = new ArrayList<>();
        if (range.isEmpty()) {
            problems.add("a range needs a bound: gte, gt, lte or lt");
        }
        range.fields().forEachRemaining(bound -> {
            if (!BOUNDS.contains(bound.getKey())) {
                problems.add("'" + shown(bound.getKey()) + "' is not one of " + String.join(", ", BOUNDS));
            } else if (!bound.getValue().isNumber()) {
                problems.add(bound.getKey() + " must be a number, not " + shown(bound.getValue().toString()));
            } else if (!isFiniteNumber(bound.getValue())) {
                problems.add(bound.getKey() + " is beyond what a number holds (about 1.8e308)");
            } else if (!fitsALong(bound.getValue())) {
                problems.add(bound.getKey() + " " + shown(bound.getValue().toString())
                        + " is a whole number beyond what a numeric field holds (-9223372036854775808 to 9223372036854775807)");
            }
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        if (range.has("gte") && range.has("gt")) {
            problems.add("gte and gt both bound it from below: give one");
        }
        if (range.has("lte") && range.has("lt")) {
            problems.add("lte and lt both bound it from above: give one");
        }
        JsonNode lower = range.has("gte") ? range.get("gte") : range.get("gt");
        JsonNode upper = range.has("lte") ? range.get("lte") : range.get("lt");
        if (problems.isEmpty() && lower != null && upper != null && lower.decimalValue().compareTo(upper.decimalValue()) > 0) {
            problems.add("the lower bound (" + lower + ") is above the upper bound (" + upper + ")");
        }
        return problems;
    }

    /** The Elasticsearch filter of a valid range on metadata field {@code field}; the bounds go as they came. */
    static ObjectNode toElasticsearch(String field, JsonNode range, ObjectMapper json) {
        ObjectNode clause = json.createObjectNode();
        clause.putObject("range").set("metadata." + field, range.deepCopy());
        return clause;
    }

    private static boolean isFiniteNumber(JsonNode value) {
        return value.isNumber() && (value.isBigInteger() || Double.isFinite(value.doubleValue()));
    }

    /** A whole number past a long is refused by an integer field of Elasticsearch (with its bytes in the message). */
    private static boolean fitsALong(JsonNode value) {
        return !value.isBigInteger() || value.bigIntegerValue().bitLength() < Long.SIZE;
    }

    private static String shown(String text) {
        return text.length() > SHOWN_VALUE ? text.substring(0, SHOWN_VALUE) + "..." : text;
    }
}
