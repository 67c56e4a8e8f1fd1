package io.rubrix.ingest.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.rubrix.common.index.RecordDocument;
import io.rubrix.ingest.rules.match.RuleMatcher;
import io.rubrix.ingest.rules.match.RuleQueryException;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.rules.LabelingRule;
import io.rubrix.model.rules.SpanVotes;
import io.rubrix.model.rules.WeakLabel;
import io.rubrix.model.rules.WeakLabelSettings;

/**
 * Streaming weak labels (ADR 0013): once a label model was applied to a dataset (its descriptor keeps it), every
 * machine record logged there, over HTTP or Kafka, gets the rules' weak label as its prediction (agent
 * {@code rules:<model>}) before it is written, unless it brings another agent's prediction: a text-classification
 * record its label, a token-classification one the majority of the rules' spans. The rules are compiled
 * once per dataset and compiled again when they change (the cache key holds each rule's name and update time).
 * A rule set Lucene cannot read (rare: a rule's query is checked by Elasticsearch when written) leaves records as
 * they came, with a warning: weak labels never stop ingestion.
 */
@ApplicationScoped
public class WeakLabeller {

    private static final String AGENT_PREFIX = "rules:";

    private final ObjectMapper json;
    private final Cache<String, Optional<RuleMatcher>> matchers = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterAccess(Duration.ofHours(1)).build();
    private final Counter labelled;

    public WeakLabeller(ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        this.labelled = Counter.builder("rubrix.ingest.weak-labels")
                .description("Records logged that got the rules' weak label as their prediction").register(registry);
    }

    /** {@code records} as they are to be written into {@code dataset}: weak-labelled when the dataset asks for it. */
    public List<TaskRecord> labelled(Dataset dataset, List<TaskRecord> records) {
        WeakLabelSettings settings = dataset.settings() == null ? null : dataset.settings().weakLabels();
        List<LabelingRule> rules = dataset.rules();
        if (settings == null || rules.isEmpty()) {
            return records;
        }
        Optional<RuleMatcher> matcher = matchers.get(key(dataset, rules), any -> compiled(dataset, rules));
        if (matcher.isEmpty()) {
            return records;
        }
        String agent = AGENT_PREFIX + settings.model();
        Instant now = Instant.now();
        List<TaskRecord> out = new ArrayList<>(records.size());
        for (TaskRecord record : records) {
            if (record instanceof TextClassificationRecord text && ours(text.prediction() == null ? null
                    : text.prediction().agent(), text.prediction() != null)) {
                out.add(labelled(text, matcher.get(), settings, rules, agent, now));
            } else if (record instanceof TokenClassificationRecord tokens && matcher.get().decidedOnWords()
                    && ours(tokens.prediction() == null ? null : tokens.prediction().agent(),
                            tokens.prediction() != null)) {
                out.add(spans(tokens, matcher.get(), rules));
            } else {
                out.add(record);
            }
        }
        return out;
    }

    /**
     * A token-classification record with the majority of the rules' spans (ADR 0013): the words each rule matched,
     * joined across spaces and widened to the tokens, as the job reads them from Elasticsearch's highlighting. Only
     * rules decided on the words give their words here; a set with other shapes leaves the records as they came.
     */
    private TaskRecord spans(TokenClassificationRecord record, RuleMatcher matcher, List<LabelingRule> rules) {
        if (record.rawText() == null) {
            return record;
        }
        List<List<int[]>> marks = matcher.marks(record.rawText());
        SpanVotes votes = new SpanVotes();
        for (int rule = 0; rule < rules.size(); rule++) {
            if (!marks.get(rule).isEmpty()) {
                List<int[]> spans = SpanVotes.joined(marks.get(rule), record.rawText(), record.tokens());
                rules.get(rule).labels().forEach(label -> votes.add(spans, label));
            }
        }
        List<EntitySpan> entities = votes.entities();
        if (entities.isEmpty()) {
            return record;
        }
        labelled.increment();
        return record.withPrediction(new TokenClassificationAnnotation(AGENT_PREFIX + WeakLabelSettings.MAJORITY,
                entities, null));
    }

    private TaskRecord labelled(TextClassificationRecord record, RuleMatcher matcher, WeakLabelSettings settings,
            List<LabelingRule> rules, String agent, Instant now) {
        Set<String> votes = Set.copyOf(matcher.matchingNames(matcher.readsWordsOnly()
                ? json.createObjectNode().put(RuleMatcher.WORDS, record.derive().words())
                : RecordDocument.of(json, record.stampedAt(now))));
        Optional<WeakLabel> weak = settings.label(rules, votes, record.multiLabel());
        if (weak.isEmpty()) {
            return record;
        }
        labelled.increment();
        return record.withPrediction(new TextClassificationAnnotation(agent, weak.get().labels().stream()
                .map(label -> ClassPrediction.of(label.label(), label.confidence())).toList()));
    }

    /** A record the rules may label: no prediction, or one of the rules' own. */
    private static boolean ours(String predictionAgent, boolean predicted) {
        return !predicted || predictionAgent == null || predictionAgent.startsWith(AGENT_PREFIX);
    }

    private static Optional<RuleMatcher> compiled(Dataset dataset, List<LabelingRule> rules) {
        try {
            return Optional.of(RuleMatcher.compile(rules));
        } catch (RuleQueryException unreadable) {
            Log.warnf("Weak labels of %s/%s are off until its rules change: %s", dataset.workspace(), dataset.name(),
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    private static String key(Dataset dataset, List<LabelingRule> rules) {
        return dataset.workspace() + "/" + dataset.name() + "@" + dataset.createdAt() + ":" + rules.stream()
                .map(rule -> rule.name() + "@" + rule.updatedAt()).collect(Collectors.joining(","));
    }
}
