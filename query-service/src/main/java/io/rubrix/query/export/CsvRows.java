package io.rubrix.query.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.record.Labelling;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.Timestamps;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextAnnotation;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.text2text.Text2TextSentence;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

/**
 * The CSV download's columns and each record's row in them: {@code id}; the text ({@code inputs.<field>} per input
 * of text classification, {@code text} otherwise); {@code status}; {@code annotation}, {@code annotation_agent};
 * {@code prediction}, {@code prediction_confidence}, {@code prediction_agent}; {@code event_timestamp}; then
 * {@code metadata.<field>} per metadata field. Several values in one cell (multi-label, entities, list values) are
 * joined by {@value #SEPARATOR}, the CLI's label separator.
 * <ul>
 * <li>Text classification: the labels a labelling assigns (the most confident one; above 0.5 when multi-label) and
 * their confidences, in the same order.</li>
 * <li>Token classification: entities as {@code label:start-end} (character offsets in {@code text}); the confidence
 * is the prediction's score.</li>
 * <li>Text2Text: the annotation's sentence; the prediction's best sentence (highest score) and its score.</li>
 * </ul>
 */
final class CsvRows {

    static final String SEPARATOR = ";";
    private static final List<String> LABELLING = List.of("status", "annotation", "annotation_agent", "prediction",
            "prediction_confidence", "prediction_agent", "event_timestamp");

    private final Task task;
    private final DatasetFields fields;
    private final ObjectMapper json;

    CsvRows(Task task, DatasetFields fields, ObjectMapper json) {
        this.task = task;
        this.fields = fields;
        this.json = json;
    }

    List<String> header() {
        List<String> header = new ArrayList<>();
        header.add("id");
        if (task == Task.TextClassification) {
            fields.inputs().forEach(input -> header.add("inputs." + input));
        } else {
            header.add("text");
        }
        header.addAll(LABELLING);
        fields.metadata().forEach(field -> header.add("metadata." + field));
        return header;
    }

    List<String> row(TaskRecord record) {
        List<String> row = new ArrayList<>();
        row.add(record.id() == null ? "" : record.id().value());
        Cells labels;
        if (record instanceof TextClassificationRecord text) {
            fields.inputs().forEach(input -> row.add(cell(text.inputs().get(input))));
            labels = classes(text);
        } else if (record instanceof TokenClassificationRecord tokens) {
            row.add(tokens.rawText());
            labels = entities(tokens);
        } else {
            Text2TextRecord sentences = (Text2TextRecord) record;
            row.add(sentences.text());
            labels = sentences(sentences);
        }
        row.add(record.status().name());
        row.add(labels.annotation());
        row.add(agent(record.annotation()));
        row.add(labels.prediction());
        row.add(labels.confidence());
        row.add(agent(record.prediction()));
        row.add(record.eventTimestamp() == null ? "" : Timestamps.format(record.eventTimestamp()));
        fields.metadata().forEach(field -> row.add(cell(record.metadata().get(field))));
        return row;
    }

    /** What a record's annotation and prediction come to in their columns. */
    private record Cells(String annotation, String prediction, String confidence) {
    }

    private static Cells classes(TextClassificationRecord record) {
        List<ClassPrediction> annotated = assigned(record, record.annotation());
        List<ClassPrediction> predicted = assigned(record, record.prediction());
        return new Cells(joined(annotated, ClassPrediction::label), joined(predicted, ClassPrediction::label),
                joined(predicted, label -> String.valueOf(label.confidence())));
    }

    private static List<ClassPrediction> assigned(TextClassificationRecord record, TextClassificationAnnotation labelling) {
        List<ClassPrediction> assigned = new ArrayList<>();
        for (String label : record.assignedLabels(labelling)) {
            labelling.labels().stream().filter(given -> label.equals(given.label())).findFirst().ifPresent(assigned::add);
        }
        return assigned;
    }

    private static Cells entities(TokenClassificationRecord record) {
        TokenClassificationAnnotation prediction = record.prediction();
        return new Cells(spans(record.annotation()), spans(prediction),
                prediction == null || prediction.score() == null ? "" : String.valueOf(prediction.score()));
    }

    private static String spans(TokenClassificationAnnotation labelling) {
        return labelling == null ? "" : joined(labelling.entities(),
                span -> span.label() + ":" + span.start() + "-" + span.end());
    }

    private static Cells sentences(Text2TextRecord record) {
        Optional<Text2TextSentence> written = Optional.ofNullable(record.annotation()).map(Text2TextAnnotation::sentences)
                .flatMap(sentences -> sentences.stream().findFirst());
        // max keeps the first of equally scored sentences, as the model listed them (best first)
        Optional<Text2TextSentence> best = Optional.ofNullable(record.prediction()).map(Text2TextAnnotation::sentences)
                .flatMap(sentences -> sentences.stream().max(Comparator.comparingDouble(
                        sentence -> sentence.score() == null ? 0.0 : sentence.score())));
        return new Cells(written.map(Text2TextSentence::text).orElse(""), best.map(Text2TextSentence::text).orElse(""),
                best.map(Text2TextSentence::score).map(String::valueOf).orElse(""));
    }

    private static String agent(Labelling labelling) {
        return labelling == null || labelling.agent() == null ? "" : labelling.agent();
    }

    private static <T> String joined(Collection<T> values, Function<T, String> text) {
        StringJoiner joined = new StringJoiner(SEPARATOR);
        values.forEach(value -> joined.add(text.apply(value)));
        return joined.toString();
    }

    /** An input or metadata value: a list's items joined, an object as JSON, anything else as its text. */
    private String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return joined(list, this::cell);
        }
        if (value instanceof Map<?, ?>) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a value as JSON", e);
            }
        }
        return String.valueOf(value);
    }
}
