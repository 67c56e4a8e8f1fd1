package io.rubrix.annotation.label;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.dataset.LabelSchema;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.json.JsonPaths;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextAnnotation;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.text2text.Text2TextSentence;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.validation.Limits;
import io.rubrix.model.validation.Violation;
import io.rubrix.model.validation.Violations;

/**
 * Applies a person's {@link LabelChange} to a record of any task: the annotation's agent is the person, the
 * task's rules are checked on the result (spans against tokens, label confidences), and so is the dataset's
 * label schema.
 */
@ApplicationScoped
public class Annotator {

    private final ObjectMapper json;

    public Annotator(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The record as {@code agent} leaves it; a 400 naming the field when the change breaks a rule of the task
     * or uses a label outside {@code schema} (empty: any label). {@code prefix} prefixes field names.
     */
    public TaskRecord apply(TaskRecord stored, LabelChange change, String agent, List<String> schema, String prefix) {
        TaskRecord changed;
        if (stored instanceof TextClassificationRecord text) {
            changed = text.withAnnotation(textAnnotation(text, change, agent, prefix), change.resultingStatus());
        } else if (stored instanceof TokenClassificationRecord tokens) {
            changed = tokens.withAnnotation(tokenAnnotation(tokens, change, agent, prefix), change.resultingStatus());
        } else if (stored instanceof Text2TextRecord text2text) {
            changed = text2text.withAnnotation(text2textAnnotation(text2text, change, agent, prefix),
                    change.resultingStatus());
        } else {
            throw new IllegalArgumentException("unknown record type " + stored.getClass());
        }
        requireValid(changed, prefix);
        requireInSchema(changed, schema, prefix);
        return changed;
    }

    private TextClassificationAnnotation textAnnotation(TextClassificationRecord record, LabelChange change,
            String agent, String prefix) {
        if (change.hasAnnotation()) {
            TextClassificationAnnotation given = read(change.annotation(), TextClassificationAnnotation.class, prefix);
            requireValidGiven(given, prefix);
            if (!record.multiLabel() && given.labels().size() != 1) {
                throw ApiException.badRequest(prefix + "annotation.labels",
                        "a single-label record takes exactly one label, not " + given.labels().size());
            }
            return new TextClassificationAnnotation(agent, given.labels());
        }
        return kept(change, record.annotation(), record.prediction() == null ? null
                : new TextClassificationAnnotation(agent, record.assignedLabels(record.prediction()).stream()
                        .map(label -> ClassPrediction.of(label, 1.0)).toList()),
                () -> new TextClassificationAnnotation(agent, record.annotation().labels()), prefix);
    }

    private TokenClassificationAnnotation tokenAnnotation(TokenClassificationRecord record, LabelChange change,
            String agent, String prefix) {
        if (change.hasAnnotation()) {
            TokenClassificationAnnotation given = read(change.annotation(), TokenClassificationAnnotation.class, prefix);
            requireValidGiven(given, prefix);
            return new TokenClassificationAnnotation(agent, marked(given.entities()), null);
        }
        return kept(change, record.annotation(), record.prediction() == null ? null
                : new TokenClassificationAnnotation(agent, marked(record.prediction().entities()), null),
                () -> new TokenClassificationAnnotation(agent, marked(record.annotation().entities()), null), prefix);
    }

    /** Spans as a person marks them: without a model's scores. */
    private static List<EntitySpan> marked(List<EntitySpan> entities) {
        return entities.stream().map(span -> span == null ? null : span.withoutScore()).toList();
    }

    private Text2TextAnnotation text2textAnnotation(Text2TextRecord record, LabelChange change, String agent,
            String prefix) {
        if (change.hasAnnotation()) {
            Text2TextAnnotation given = read(change.annotation(), Text2TextAnnotation.class, prefix);
            requireValidGiven(given, prefix);
            if (given.sentences().isEmpty()) {
                throw ApiException.badRequest(prefix + "annotation.sentences", "must hold at least one sentence");
            }
            return new Text2TextAnnotation(agent, given.sentences().stream()
                    .map(sentence -> new Text2TextSentence(sentence.text(), null)).toList());
        }
        Text2TextAnnotation fromPrediction = record.prediction() == null || record.prediction().sentences().isEmpty()
                ? null
                : new Text2TextAnnotation(agent, List.of(new Text2TextSentence(
                        record.prediction().sentences().get(0).text(), null)));
        return kept(change, record.annotation(), fromPrediction,
                () -> new Text2TextAnnotation(agent, record.annotation().sentences()), prefix);
    }

    /**
     * Without a new annotation: none for {@code Default}; for {@code Validated}, the stored one confirmed by the
     * person, else the prediction's; otherwise the stored one as it is.
     */
    private static <A> A kept(LabelChange change, A stored, A fromPrediction,
            java.util.function.Supplier<A> confirmed, String prefix) {
        RecordStatus status = change.resultingStatus();
        if (status == RecordStatus.Default) {
            return null;
        }
        if (status != RecordStatus.Validated) {
            return stored;
        }
        if (stored != null) {
            return confirmed.get();
        }
        if (fromPrediction == null) {
            throw ApiException.badRequest(prefix + "annotation",
                    "the record has neither annotation nor prediction to validate; give an annotation");
        }
        return fromPrediction;
    }

    private <A> A read(JsonNode annotation, Class<A> type, String prefix) {
        ObjectNode withoutAgent = ((ObjectNode) annotation).deepCopy();
        withoutAgent.remove("agent");
        try {
            return json.treeToValue(withoutAgent, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw ApiException.badRequest(prefix + "annotation." + JsonPaths.of(e), JsonPaths.reason(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest(prefix + "annotation", e.getMessage());
        }
    }

    /**
     * A 400 when the annotation of {@code change} breaks a rule that holds whatever the record (a label's length,
     * a confidence or score outside [0, 1]), before a bulk job touches any record: it would fail on every one.
     */
    public void requireValidChange(Task task, LabelChange change) {
        if (!change.hasAnnotation()) {
            return;
        }
        Class<?> type = switch (task) {
            case TextClassification -> TextClassificationAnnotation.class;
            case TokenClassification -> TokenClassificationAnnotation.class;
            case Text2Text -> Text2TextAnnotation.class;
        };
        requireValidGiven(read(change.annotation(), type, ""), "");
    }

    /**
     * The parts of an annotation as a person sent it that no record makes valid. A score the person gives is checked
     * too, although a person's annotation keeps none: a 7 is a mistake to report, not to drop.
     */
    private static void requireValidGiven(Object given, String prefix) {
        Violations found = new Violations();
        if (given instanceof TextClassificationAnnotation text
                && found.requireAtMost("annotation.labels", text.labels().size(), Limits.LABELS_PER_RECORD, "labels")) {
            for (int i = 0; i < text.labels().size(); i++) {
                ClassPrediction label = text.labels().get(i);
                if (label == null) {
                    found.add("annotation.labels[" + i + "]", "must not be null");
                } else {
                    found.requireLabel("annotation.labels[" + i + "].class", label.label());
                    found.requireUnitInterval("annotation.labels[" + i + "].confidence", label.confidence());
                }
            }
        } else if (given instanceof TokenClassificationAnnotation tokens) {
            found.requireUnitInterval("annotation.score", tokens.score());
            if (found.requireAtMost("annotation.entities", tokens.entities().size(), Limits.ENTITIES_PER_RECORD,
                    "entities")) {
                for (int i = 0; i < tokens.entities().size(); i++) {
                    EntitySpan span = tokens.entities().get(i);
                    if (span != null) {
                        found.requireLabel("annotation.entities[" + i + "].label", span.label());
                        found.requireUnitInterval("annotation.entities[" + i + "].score", span.score());
                    }
                }
            }
        } else if (given instanceof Text2TextAnnotation text2text) {
            for (int i = 0; i < text2text.sentences().size(); i++) {
                Text2TextSentence sentence = text2text.sentences().get(i);
                if (sentence != null) {
                    found.requireUnitInterval("annotation.sentences[" + i + "].score", sentence.score());
                }
            }
        }
        refuse(found.list(), prefix);
    }

    private static void refuse(List<Violation> violations, String prefix) {
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> FieldError.of(prefix + v.field(), v.reason())).toList();
            throw ApiException.badRequest(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
    }

    private static void requireValid(TaskRecord changed, String prefix) {
        refuse(changed.violations().stream().filter(violation -> violation.field().startsWith("annotation")).toList(),
                prefix);
    }

    /**
     * A 400 naming the first label of {@code change} outside {@code schema}, before a bulk job touches any record
     * (the change is the same for every record).
     */
    public void requireKnownLabels(Task task, LabelChange change, List<String> schema) {
        if (schema.isEmpty() || !change.hasAnnotation()) {
            return;
        }
        boolean entities = task == Task.TokenClassification;
        List<String> labels = new ArrayList<>();
        change.annotation().path(entities ? "entities" : "labels")
                .forEach(item -> labels.add(item.path(entities ? "label" : "class").asText(null)));
        requireInSchema(labels, entities, schema, "");
    }

    private static void requireInSchema(TaskRecord changed, List<String> schema, String prefix) {
        requireInSchema(LabelSchema.labelsOf(changed), changed instanceof TokenClassificationRecord, schema, prefix);
    }

    private static void requireInSchema(List<String> labels, boolean entities, List<String> schema, String prefix) {
        List<FieldError> errors = LabelSchema.violations(labels, entities, schema).stream()
                .map(v -> FieldError.of(prefix + v.field(), v.reason())).toList();
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
    }
}
