package io.rubrix.annotation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import io.rubrix.model.query.RecordQuery;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.rules.GenerativeModel;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.rules.LabelMatrix;
import io.rubrix.model.rules.MajorityVote;
import io.rubrix.model.rules.RuleVotes;
import io.rubrix.model.rules.SpanVotes;
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
        if (task == Task.Text2Text) {
            throw ApiException.badRequest("task", "a Text2Text dataset has no labels for rules to vote for");
        }
        ApplyRequest.Model model = request.labelModel(task);
        String index = recordsIndex.name(workspace, name);
        return datasets.require(workspace, name).map(dataset -> dataset.requireTask(task)).chain(dataset -> {
            if (dataset.rules().isEmpty()) {
                throw ApiException.badRequest("rules", "dataset '" + name + "' has no labelling rules to apply");
            }
            RuleVotes votes = new RuleVotes(dataset.rules());
            return count(index, votes.anyRule(json)).chain(matched -> {
                Job job = Job.started(UUID.randomUUID().toString(), Job.Kind.weak_labels, workspace, name, task,
                        person, matched, Instant.now());
                Run run = task == Task.TokenClassification
                        ? new TokenRun(job, index, votes, model, request.replaces())
                        : new Run(job, index, votes, model, request.replaces());
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
    private class Run {

        final Job job;
        final String index;
        final RuleVotes votes;
        final ApplyRequest.Model model;
        final boolean replaces;
        final String agent;
        final JobProgress progress = new JobProgress();
        private final WeakLabelScore score = new WeakLabelScore();
        private GenerativeModel.Fitted fitted;
        private LabelMatrix learntFrom;
        long abstained;
        long keptPredictions;
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

        /** A record the job may label: no prediction, one of the rules', or any when asked to replace. */
        boolean mayLabel(String predictionAgent, boolean predicted) {
            boolean ours = !predicted || predictionAgent == null || predictionAgent.startsWith(AGENT_PREFIX);
            if (!ours && !replaces) {
                keptPredictions++;
                return false;
            }
            return true;
        }

        /** Writes the page's changed records at the versions scanned, counting what Elasticsearch says of each. */
        Uni<Void> written(NdjsonBody body, List<String> ids, java.util.function.IntConsumer done) {
            if (ids.isEmpty()) {
                return jobs.save(job.withProgress(progress)).replaceWithVoid();
            }
            return recordsIndex.bulkItems(body, false).invoke(answer -> {
                JsonNode items = answer.path("items");
                for (int i = 0; i < ids.size(); i++) {
                    JsonNode item = items.get(i).elements().next();
                    if (item.path("status").asInt() == 409) {
                        progress.conflict(ids.get(i));
                    } else if (item.has("error")) {
                        progress.failed(ids.get(i), null, item.path("error").path("reason").asText("refused"));
                    } else {
                        progress.done(1);
                        done.accept(i);
                    }
                }
            }).chain(() -> jobs.save(job.withProgress(progress))).replaceWithVoid();
        }

        Uni<Void> write(List<JsonNode> hits) {
            Instant now = Instant.now();
            NdjsonBody body = new NdjsonBody();
            List<Written> written = new ArrayList<>();
            LabelMatrix page = new LabelMatrix(votes.rules());
            for (JsonNode hit : hits) {
                VersionedRecord current = records.read(Task.TextClassification, hit);
                TextClassificationRecord record = (TextClassificationRecord) current.record();
                if (!mayLabel(record.prediction() == null ? null : record.prediction().agent(),
                        record.prediction() != null)) {
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
            return written(body, written.stream().map(w -> w.before().id().value()).toList(),
                    i -> written.get(i).scoreInto(score));
        }

        private Optional<WeakLabel> label(LabelMatrix page, int row, boolean multiLabel) {
            if (multiLabel) {
                return MajorityVote.multiLabel(page, row);
            }
            return fitted != null ? fitted.predict(page, row) : MajorityVote.singleLabel(page, row);
        }

        Map<String, Object> againstAnnotations() {
            return score.figures();
        }

        private Job finished(Job.State state, String message) {
            return job.withProgress(progress).finished(state, message, Instant.now()).withOutcome(outcome());
        }

        Map<String, Object> outcome() {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("model", model.name());
            outcome.put("agent", agent);
            outcome.put("abstained", abstained);
            outcome.put("kept_predictions", keptPredictions);
            outcome.put("against_annotations", againstAnnotations());
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

    /**
     * Token classification: each rule marks the words its query matched in the records it matched (Elasticsearch's
     * highlighting of the text, one search per rule and page), and the majority vote labels the spans
     * ({@link SpanVotes}); scored against the annotations entity by entity (same span, same label).
     */
    private final class TokenRun extends Run {

        private static final char OPEN = '\u0001';
        private static final char CLOSE = '\u0002';
        private long annotatedRecords;
        private long predictedEntities;
        private long annotatedEntities;
        private long correctEntities;

        TokenRun(Job job, String index, RuleVotes votes, ApplyRequest.Model model, boolean replaces) {
            super(job, index, votes, model, replaces);
        }

        @Override
        Uni<Void> write(List<JsonNode> hits) {
            Map<String, VersionedRecord> eligible = new LinkedHashMap<>();
            Map<String, int[]> rulesOf = new LinkedHashMap<>();
            for (JsonNode hit : hits) {
                VersionedRecord current = records.read(Task.TokenClassification, hit);
                TokenClassificationRecord record = (TokenClassificationRecord) current.record();
                if (mayLabel(record.prediction() == null ? null : record.prediction().agent(),
                        record.prediction() != null)) {
                    eligible.put(record.id().value(), current);
                    rulesOf.put(record.id().value(), votes.of(hit));
                }
            }
            List<Uni<Map<String, String>>> marked = new ArrayList<>();
            for (int rule = 0; rule < votes.rules().size(); rule++) {
                int r = rule;
                List<String> ids = rulesOf.entrySet().stream()
                        .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(m -> m == r))
                        .map(Map.Entry::getKey).toList();
                marked.add(ids.isEmpty() ? Uni.createFrom().item(Map.of()) : highlighted(votes.rules().get(r), ids));
            }
            Uni<List<Map<String, String>>> all = marked.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(marked).andFailFast();
            return all.chain(byRule -> {
                Instant now = Instant.now();
                NdjsonBody body = new NdjsonBody();
                List<TokenClassificationRecord> written = new ArrayList<>();
                eligible.forEach((id, current) -> {
                    TokenClassificationRecord record = (TokenClassificationRecord) current.record();
                    SpanVotes spans = new SpanVotes();
                    for (int rule : rulesOf.get(id)) {
                        String text = byRule.get(rule).get(id);
                        if (text != null) {
                            List<int[]> found = SpanVotes.marked(text, OPEN, CLOSE, record.rawText(), record.tokens());
                            votes.rules().get(rule).labels().forEach(label -> spans.add(found, label));
                        }
                    }
                    List<EntitySpan> entities = spans.entities();
                    if (entities.isEmpty()) {
                        abstained++;
                        return;
                    }
                    TokenClassificationRecord changed = record.withPrediction(
                            new TokenClassificationAnnotation(agent, entities, null)).stampedAt(now);
                    body.action(json, "index", index, id,
                            new long[] {current.version().seqNo(), current.version().primaryTerm()});
                    RecordDocument.appendTo(body, json, changed, current.team());
                    written.add(changed);
                });
                return written(body, written.stream().map(record -> record.id().value()).toList(),
                        i -> score(written.get(i)));
            });
        }

        /** The text of each record ({@code ids}) with the words {@code rule} matched between the marks. */
        private Uni<Map<String, String>> highlighted(LabelingRule rule, List<String> ids) {
            ObjectNode search = json.createObjectNode();
            search.put("size", ids.size()).put("_source", false);
            ObjectNode bool = search.putObject("query").putObject("bool");
            ids.forEach(bool.putArray("filter").addObject().putObject("ids").putArray("values")::add);
            bool.putArray("must").add(RecordQuery.textQuery(json, rule.query()));
            ObjectNode words = search.putObject("highlight").putObject("fields").putObject("words");
            words.put("number_of_fragments", 0);
            words.putArray("pre_tags").add(String.valueOf(OPEN));
            words.putArray("post_tags").add(String.valueOf(CLOSE));
            return recordsIndex.search(index, search).map(answer -> {
                Map<String, String> texts = new HashMap<>();
                answer.path("hits").path("hits").forEach(hit -> {
                    JsonNode fragment = hit.path("highlight").path("words").path(0);
                    if (fragment.isTextual()) {
                        texts.put(hit.path("_id").asText(), fragment.asText());
                    }
                });
                return texts;
            });
        }

        private void score(TokenClassificationRecord record) {
            if (record.annotation() == null) {
                return;
            }
            annotatedRecords++;
            java.util.Set<EntitySpan> gold = new java.util.HashSet<>();
            record.annotation().entities().forEach(entity -> gold.add(entity.withoutScore()));
            predictedEntities += record.prediction().entities().size();
            annotatedEntities += gold.size();
            correctEntities += record.prediction().entities().stream()
                    .filter(entity -> gold.contains(entity.withoutScore())).count();
        }

        @Override
        Map<String, Object> againstAnnotations() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("annotated", annotatedRecords);
            figures.put("entities_predicted", predictedEntities);
            figures.put("entities_annotated", annotatedEntities);
            figures.put("correct", correctEntities);
            double precision = predictedEntities == 0 ? 0 : (double) correctEntities / predictedEntities;
            double recall = annotatedEntities == 0 ? 0 : (double) correctEntities / annotatedEntities;
            figures.put("precision", annotatedRecords == 0 ? null : precision);
            figures.put("recall", annotatedRecords == 0 ? null : recall);
            figures.put("f1", annotatedRecords == 0 ? null
                    : precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall));
            return figures;
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
