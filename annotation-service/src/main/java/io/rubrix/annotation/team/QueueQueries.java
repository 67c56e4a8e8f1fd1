package io.rubrix.annotation.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The searches of the queue (ADR 0012), in index order: fast at any size. */
final class QueueQueries {

    private QueueQueries() {
    }

    /** The records the caller holds and has not answered: a claim (live or lapsed) or a draft. */
    static Map<String, Object> held(String user) {
        return Map.of("size", 3, "_source", false, "track_total_hits", false,
                "sort", List.of("_doc"),
                "query", Map.of("bool", Map.of(
                        "should", List.of(term("team.claimed_by", user), term("team.responded_by", user)),
                        "minimum_should_match", 1,
                        "must_not", List.of(term("team.answered_by", user)))));
    }

    /** Records that may have a slot for someone, in index order, the records just filled left out. */
    static Map<String, Object> pooledCandidates(List<String> skip) {
        List<Object> mustNot = new ArrayList<>(List.of(
                term("team.complete", true),
                Map.of("range", Map.of("team.full_until", Map.of("gt", "now")))));
        if (!skip.isEmpty()) {
            mustNot.add(Map.of("ids", Map.of("values", skip)));
        }
        return Map.of("size", CandidatePool.SIZE, "seq_no_primary_term", true, "sort", List.of("_doc"),
                "track_total_hits", false, "query", Map.of("bool", Map.of("must_not", mustNot)));
    }

    /** Records that may have a slot for the caller, in index order (ADR 0012: fast at any size). */
    static Map<String, Object> candidates(String user, List<String> skip, int size) {
        List<Object> mustNot = new ArrayList<>(List.of(
                term("team.responded_by", user),
                term("team.claimed_by", user),
                term("team.complete", true),
                Map.of("range", Map.of("team.full_until", Map.of("gt", "now")))));
        if (!skip.isEmpty()) {
            mustNot.add(Map.of("ids", Map.of("values", skip)));
        }
        // not counted: the search stops at its first matches (the count is RemainingCounts')
        return Map.of("size", size, "seq_no_primary_term", true, "sort", List.of("_doc"), "track_total_hits", false,
                "query", Map.of("bool", Map.of("must_not", mustNot)));
    }

    private static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }
}
