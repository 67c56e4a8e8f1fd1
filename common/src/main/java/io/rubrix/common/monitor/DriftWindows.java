package io.rubrix.common.monitor;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.monitor.Monitor;
import io.rubrix.model.monitor.Reference;
import io.rubrix.model.query.RecordQuery;

/**
 * The two windows a monitor compares at one moment, as Elasticsearch filters: the live one, the last {@code window}
 * of event_timestamp up to that moment ({@code [at - window, at)}), and the reference.
 */
record DriftWindows(Instant referenceFrom, Instant referenceTo, String referenceQuery, Instant liveFrom,
        Instant liveTo) {

    static DriftWindows of(Monitor monitor, Instant at) {
        Duration window = monitor.windowLength();
        Instant liveFrom = at.minus(window);
        Reference reference = monitor.reference();
        return switch (reference.kind()) {
            case range -> new DriftWindows(reference.from(), reference.to(), null, liveFrom, at);
            case query -> new DriftWindows(reference.from(), reference.to(), reference.query(), liveFrom, at);
            case preceding -> new DriftWindows(liveFrom.minus(window), liveFrom, null, liveFrom, at);
        };
    }

    ObjectNode referenceFilter(ObjectMapper json) {
        ObjectNode bool = json.createObjectNode();
        ObjectNode clauses = bool.putObject("bool");
        if (referenceQuery != null) {
            clauses.putArray("must").add(RecordQuery.textQuery(json, referenceQuery));
        }
        ArrayNode filter = clauses.putArray("filter");
        if (referenceFrom != null || referenceTo != null) {
            filter.add(range(json, referenceFrom, referenceTo));
        }
        return bool;
    }

    ObjectNode liveFilter(ObjectMapper json) {
        return range(json, liveFrom, liveTo);
    }

    private static ObjectNode range(ObjectMapper json, Instant from, Instant to) {
        ObjectNode range = json.createObjectNode();
        ObjectNode bounds = range.putObject("range").putObject("event_timestamp").put("format", "epoch_millis");
        if (from != null) {
            bounds.put("gte", from.toEpochMilli());
        }
        if (to != null) {
            bounds.put("lt", to.toEpochMilli());
        }
        return range;
    }
}
