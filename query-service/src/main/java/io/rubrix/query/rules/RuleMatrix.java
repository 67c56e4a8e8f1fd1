package io.rubrix.query.rules;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.rules.RuleVotes;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * The label matrix (ADR 0013) for training a label model elsewhere: one NDJSON line per record, {@code {"id",
 * "votes": {rule: label | [labels] | null}, "annotated_as": [...]}}, every rule in every line (null: it abstains),
 * read in one scan whose query names each rule's clause (a hit's {@code matched_queries} are its votes).
 */
@ApplicationScoped
public class RuleMatrix {

    /** A line needs the record's id and its human labels only. */
    private static final List<String> LEFT_OUT = List.of("inputs", "words", "prediction", "annotation", "explanation",
            "team", "metadata", "tokens", "text", "raw_text", "predicted_as", "predicted_by", "annotated_by", "score",
            "status", "event_timestamp", "last_updated", "multi_label", "predicted");

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final PointInTimeScan scan;
    private final ObjectMapper json;

    public RuleMatrix(DatasetStore datasets, RecordsIndex records, PointInTimeScan scan, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.scan = scan;
        this.json = json;
    }

    public Multi<Buffer> lines(String workspace, String name, Task task) {
        if (task == Task.Text2Text) {
            throw ApiException.badRequest("task", "Text2Text has no labels to vote for: labelling rules are for "
                    + "TextClassification and TokenClassification datasets");
        }
        return datasets.require(workspace, name).invoke(dataset -> dataset.requireTask(task))
                .onItem().transformToMulti(dataset -> {
                    if (dataset.rules().isEmpty()) {
                        throw ApiException.badRequest("rules", "dataset '" + name + "' has no labelling rules");
                    }
                    RuleVotes votes = new RuleVotes(dataset.rules());
                    return scan.hitPages(records.name(workspace, name), votes.everyRecord(json), "_shard_doc",
                            LEFT_OUT, true).map(page -> Buffer.buffer(page(votes, page)));
                });
    }

    private String page(RuleVotes votes, List<JsonNode> hits) {
        StringBuilder lines = new StringBuilder(hits.size() * 128);
        List<LabelingRule> rules = votes.rules();
        for (JsonNode hit : hits) {
            boolean[] matched = new boolean[rules.size()];
            for (int rule : votes.of(hit)) {
                matched[rule] = true;
            }
            ObjectNode line = json.createObjectNode();
            line.put("id", hit.path("_source").path("id").asText(hit.path("_id").asText()));
            ObjectNode voted = line.putObject("votes");
            for (int j = 0; j < rules.size(); j++) {
                LabelingRule rule = rules.get(j);
                if (!matched[j]) {
                    voted.putNull(rule.name());
                } else if (rule.labels().size() == 1) {
                    voted.put(rule.name(), rule.labels().get(0));
                } else {
                    rule.labels().forEach(voted.putArray(rule.name())::add);
                }
            }
            line.set("annotated_as", hit.path("_source").path("annotated_as").isArray()
                    ? hit.path("_source").path("annotated_as") : json.createArrayNode());
            try {
                lines.append(json.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the votes of " + hit.path("_id"), e);
            }
        }
        return lines.toString();
    }
}
