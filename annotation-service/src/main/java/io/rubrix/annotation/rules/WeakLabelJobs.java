package io.rubrix.annotation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.rubrix.annotation.job.Job;
import io.rubrix.annotation.job.JobProgress;
import io.rubrix.annotation.job.JobStore;
import io.rubrix.annotation.record.RecordStore;
import io.rubrix.annotation.record.VersionedRecord;
import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.NdjsonBody;
import io.rubrix.common.elasticsearch.PointInTimeScan;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.rules.GenerativeModel;
import io.rubrix.model.rules.LabelMatrix;
import io.rubrix.model.rules.MajorityVote;
import io.rubrix.model.rules.RuleVotes;
import io.rubrix.model.rules.WeakLabel;
import io.rubrix.model.rules.WeakLabelSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes a label model's weak labels as the records' predictions, by agent {@code rules:<model>} (ADR 0013): never an
 * annotation, and never over another agent's prediction unless asked. A job in the background, as bulk labelling by
 * query is: the generative model first reads every vote (a scan without sources) and learns the rules' accuracies;
 * then a scan of the records some rule matched writes each one's label, a page per {@code _bulk}, each write at the
 * version scanned (a record changed meanwhile is a conflict, left as it is). Multi-label records get the majority
 * vote (the generative model is single label).
 */
@ApplicationScoped
public class WeakLabelJobs {

    public static final String AGENT_PREFIX = "rules:";
    private static final int ITERATIONS = 500;
    private static final double TOLERANCE = 1e-6;

    private final DatasetStore datasets;
    private final RecordsIndex recordsIndex;
    private final RecordStore records;
    private final PointInTimeScan scan;
    private final JobStore jobs;
    private final ObjectMapper json;

    public WeakLabelJobs(DatasetStore datasets, RecordsIndex recordsIndex, RecordStore records, PointInTimeScan scan,
            JobStore jobs, ObjectMapper json) {
        this.datasets = datasets;
        this.recordsIndex = recordsIndex;
        this.records = records;
        this.scan = scan;
        this.jobs = jobs;
        this.json = json;
    }

    /** Starts the job; answers it as saved, before its first page. */
    public Uni<Job> start(String workspace, String name, Task task, ApplyRequest request, String person) {
        ApplyRequest.Model model = request.labelModel();
        if (task != Task.TextClassification) {
            throw ApiException.badRequest("task", "weak labels are written for TextClassification datasets (ADR 0013)");
        }
        String index = recordsIndex.name(workspace, name);
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task)).chain(dataset -> {
            if (dataset.rules().isEmpty()) {
                throw ApiException.badRequest("rules", "dataset '" + name + "' has no labelling rules to apply");
            }
            RuleVotes votes = new RuleVotes(dataset.rules());
            return count(index, votes.anyRule(json)).chain(matched -> {
                Job job = Job.started(UUID.randomUUID().toString(), Job.Kind.weak_labels, workspace, name, task,
                        person, matched, Instant.now());
                Run run = new Run(job, index, votes, model, request.replaces());
                return jobs.save(job).invoke(() -> run.execute().subscribe().with(
                        finished -> Log.infof("Job %s (weak labels on %s/%s) ended %s: %d written, %d conflicts",
                                finished.id(), workspace, name, finished.state(), finished.done(),
                                finished.conflicts()),
                        failure -> Log.errorf(failure, "Job %s could not record its end", job.id())));
            });
        });
    }

    private Uni<Long> count(String index, JsonNode query) {
        return recordsIndex.count(index, query).onFailure(ElasticsearchException::notFound).recoverWithItem(0L);
    }

    /** One execution: its progress lives here, touched by one page at a time. */
    private final class Run {

        private final Job job;
        private final String index;
        private final RuleVotes votes;
        private final ApplyRequest.Model model;
        private final boolean replaces;
        private final String agent;
        private final JobProgress progress = new JobProgress();
        private final WeakLabelScore score = new WeakLabelScore();
        private GenerativeModel.Fitted fitted;
        private LabelMatrix learntFrom;
        private long abstained;
        private long keptPredictions;
        private boolean cancelSeen;

        Run(Job job, String index, RuleVotes votes, ApplyRequest.Model model, boolean replaces) {
            this.job = job;
            this.index = index;
            this.votes = votes;
            this.model = model;
            this.replaces = replaces;
            this.agent = AGENT_PREFIX + model.name();
        }

        Uni<Job> execute() {
            Uni<Void> learnt = model == ApplyRequest.Model.generative ? learn() : Uni.createFrom().voidItem();
            return learnt
                    .chain(() -> pages(votes.anyRule(json), List.of(), page -> write(page)))
                    .map(ignored -> finished(cancelSeen ? Job.State.cancelled : Job.State.done,
                            cancelSeen ? "cancelled on request" : null))
                    .onFailure().recoverWithItem(failure -> {
                        Log.errorf(failure, "Job %s failed", job.id());
                        return finished(Job.State.failed, failure instanceof ElasticsearchException refused
                                ? "Elasticsearch refused the job: " + refused.reason() : failure.getMessage());
                    })
                    .call(ended -> ended.state() == Job.State.done ? kept() : Uni.createFrom().voidItem())
                    .call(() -> recordsIndex.refresh(index).onFailure().recoverWithNull())
                    .chain(jobs::save);
        }

        /** The model applied, kept in the descriptor: records logged from now on get their weak label with it. */
        private Uni<Void> kept() {
            Instant now = Instant.now();
            WeakLabelSettings applied = fitted == null ? WeakLabelSettings.majority(now)
                    : WeakLabelSettings.generative(now, learntFrom, fitted);
            return datasets.update(job.workspace(), job.dataset(),
                    Map.of("settings", Map.of("weak_labels", json.convertValue(applied, Map.class))));
        }

        /** The generative model fitted on every single-label record's votes (those no rule matched counted only). */
        private Uni<Void> learn() {
            LabelMatrix matrix = new LabelMatrix(votes.rules());
            JsonNode singleLabel = json.createObjectNode().set("term", json.createObjectNode().put("multi_label",
                    false));
            return pages(votes.anyRule(json, false), List.of("*"), page -> {
                page.forEach(hit -> matrix.add(votes.of(hit)));
                return Uni.createFrom().voidItem();
            }).chain(() -> count(index, singleLabel)).invoke(all -> {
                matrix.addUnmatched(Math.max(0, all - matrix.records()));
                fitted = GenerativeModel.fit(matrix, ITERATIONS, TOLERANCE);
                learntFrom = matrix;
            }).replaceWithVoid();
        }

        private Uni<Void> pages(JsonNode query, List<String> excluded,
                java.util.function.Function<List<JsonNode>, Uni<Void>> handle) {
            return scan.hitPages(index, query, "_shard_doc", excluded, true)
                    .select().first(page -> !cancelSeen)
                    .onItem().transformToUniAndConcatenate(page -> cancelRequested()
                            .chain(cancel -> cancel ? Uni.createFrom().voidItem() : handle.apply(page)))
                    .collect().last().replaceWithVoid();
        }

        private Uni<Boolean> cancelRequested() {
            if (cancelSeen) {
                return Uni.createFrom().item(true);
            }
            return jobs.cancelRequested(job.id()).invoke(cancel -> cancelSeen = cancel);
        }

        private Uni<Void> write(List<JsonNode> hits) {
            Instant now = Instant.now();
            NdjsonBody body = new NdjsonBody();
            List<Written> written = new ArrayList<>();
            LabelMatrix page = new LabelMatrix(votes.rules());
            for (JsonNode hit : hits) {
                VersionedRecord current = records.read(Task.TextClassification, hit);
                TextClassificationRecord record = (TextClassificationRecord) current.record();
                if (!replaces && record.prediction() != null && record.prediction().agent() != null
                        && !record.prediction().agent().startsWith(AGENT_PREFIX)) {
                    keptPredictions++;
                    continue;
                }
                Optional<WeakLabel> weak = label(page, page.add(votes.of(hit)), record.multiLabel());
                if (weak.isEmpty()) {
                    abstained++;
                    continue;
                }
                TextClassificationRecord changed = record.withPrediction(new TextClassificationAnnotation(agent,
                        weak.get().labels().stream().map(l -> ClassPrediction.of(l.label(), l.confidence())).toList()))
                        .stampedAt(now);
                body.action(json, "index", index, record.id().value(),
                        new long[] {current.version().seqNo(), current.version().primaryTerm()});
                RecordDocument.appendTo(body, json, changed, current.team());
                written.add(new Written(record, weak.get()));
            }
            if (written.isEmpty()) {
                return jobs.save(job.withProgress(progress)).replaceWithVoid();
            }
            return recordsIndex.bulkItems(body, false).invoke(answer -> {
                JsonNode items = answer.path("items");
                for (int i = 0; i < written.size(); i++) {
                    JsonNode item = items.get(i).elements().next();
                    String id = written.get(i).before().id().value();
                    if (item.path("status").asInt() == 409) {
                        progress.conflict(id);
                    } else if (item.has("error")) {
                        progress.failed(id, null, item.path("error").path("reason").asText("refused"));
                    } else {
                        progress.done(1);
                        written.get(i).scoreInto(score);
                    }
                }
            }).chain(() -> jobs.save(job.withProgress(progress))).replaceWithVoid();
        }

        private Optional<WeakLabel> label(LabelMatrix page, int row, boolean multiLabel) {
            if (multiLabel) {
                return MajorityVote.multiLabel(page, row);
            }
            return fitted != null ? fitted.predict(page, row) : MajorityVote.singleLabel(page, row);
        }

        private Job finished(Job.State state, String message) {
            return job.withProgress(progress).finished(state, message, Instant.now()).withOutcome(outcome());
        }

        private Map<String, Object> outcome() {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("model", model.name());
            outcome.put("agent", agent);
            outcome.put("abstained", abstained);
            outcome.put("kept_predictions", keptPredictions);
            outcome.put("against_annotations", score.figures());
            if (fitted != null) {
                List<Map<String, Object>> rules = new ArrayList<>();
                for (int j = 0; j < votes.rules().size(); j++) {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("name", votes.rules().get(j).name());
                    rule.put("learnt_accuracy", Double.isNaN(fitted.accuracy()[j]) ? null : fitted.accuracy()[j]);
                    rules.add(rule);
                }
                outcome.put("rules", rules);
                outcome.put("converged", fitted.converged());
                outcome.put("iterations", fitted.iterations());
            }
            return outcome;
        }
    }

    /** A record written with its weak label, to score it against its annotation. */
    private record Written(TextClassificationRecord before, WeakLabel weak) {

        void scoreInto(WeakLabelScore score) {
            if (!before.multiLabel() && before.annotation() != null && !before.annotation().labels().isEmpty()) {
                score.add(weak.top(), before.annotation().labels().get(0).label());
            }
        }
    }
}
