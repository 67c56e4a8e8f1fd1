package io.rubrix.cli.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.RecordStatus;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextAnnotation;
import io.rubrix.model.record.text2text.Text2TextRecord;
import io.rubrix.model.record.text2text.Text2TextSentence;

/** Records read lazily from a JSONL, CSV or CoNLL file; a line that cannot be read stops with its number. */
public final class RecordFiles {

    public enum Format {
        jsonl, csv, conll;

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase();
            if (name.endsWith(".csv")) {
                return csv;
            }
            return name.endsWith(".conll") || name.endsWith(".txt") ? conll : jsonl;
        }
    }

    /** A file that does not read as records of the task; the message names the line. */
    public static final class UnreadableFile extends RuntimeException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    private RecordFiles() {
    }

    /** How many records the file holds (one pass over it, for the progress bar's total). */
    public static long count(Path file, Format format) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return switch (format) {
                case jsonl -> lines.filter(line -> !line.isBlank()).count();
                case conll -> lines.filter(line -> line.startsWith("# id = ")).count();
                case csv -> Math.max(0, lines.count() - 1); // exact unless quoted fields hold line breaks
            };
        }
    }

    public static Iterator<TaskRecord> read(BufferedReader in, Format format, Task task, CsvMapping mapping,
            ObjectMapper json) {
        return switch (format) {
            case jsonl -> jsonl(in, task, json);
            case conll -> {
                if (task != Task.TokenClassification) {
                    throw new UnreadableFile("CoNLL files hold TokenClassification records, not " + task);
                }
                yield lazily(() -> Conll.read(in, mapping.annotationAgent()));
            }
            case csv -> csv(in, task, mapping);
        };
    }

    private static Iterator<TaskRecord> jsonl(BufferedReader in, Task task, ObjectMapper json) {
        int[] lineNumber = {0};
        return lazily(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber[0]++;
                    if (!line.isBlank()) {
                        return json.treeToValue(validatedWhenAnnotated(json.readTree(line)), RecordReader.typeOf(task));
                    }
                }
                return null;
            } catch (JsonProcessingException e) {
                throw new UnreadableFile("line " + lineNumber[0] + ": not a " + task + " record: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** As the rubrix Python client: a record with an annotation and no status is Validated. */
    private static JsonNode validatedWhenAnnotated(JsonNode record) {
        if (record instanceof ObjectNode object && object.hasNonNull("annotation")
                && !object.hasNonNull("status")) {
            object.put("status", RecordStatus.Validated.name());
        }
        return record;
    }

    static RecordStatus statusOf(Object annotation) {
        return annotation == null ? null : RecordStatus.Validated;
    }

    private static Iterator<TaskRecord> csv(BufferedReader in, Task task, CsvMapping mapping) {
        if (task == Task.TokenClassification) {
            throw new UnreadableFile("TokenClassification records come from JSONL or CoNLL files, not CSV");
        }
        CsvRows rows = new CsvRows(in);
        List<String> header = rows.next();
        if (header == null) {
            return List.<TaskRecord>of().iterator();
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip(), i);
        }
        List<String> wanted = new ArrayList<>(mapping.inputs());
        for (String optional : new String[] {mapping.annotation(), mapping.prediction(), mapping.confidence()}) {
            if (optional != null) {
                wanted.add(optional);
            }
        }
        wanted.addAll(mapping.metadata());
        for (String column : wanted) {
            if (!columns.containsKey(column)) {
                throw new UnreadableFile("no column '" + column + "' in the CSV header " + header);
            }
        }
        return lazily(() -> {
            List<String> fields = rows.next();
            if (fields == null) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach((name, index) -> values.put(name, index < fields.size() ? fields.get(index) : ""));
            try {
                return task == Task.Text2Text ? text2text(values, mapping) : textClassification(values, mapping);
            } catch (NumberFormatException e) {
                throw new UnreadableFile("row " + rows.number() + ": confidence '" + values.get(mapping.confidence())
                        + "' is not a number");
            }
        });
    }

    private static TaskRecord textClassification(Map<String, String> values, CsvMapping mapping) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        mapping.inputs().forEach(column -> inputs.put(column, values.get(column)));
        TextClassificationAnnotation annotation = labels(values.get(mapping.annotation()), null,
                mapping.annotationAgent(), mapping);
        TextClassificationAnnotation prediction = labels(values.get(mapping.prediction()),
                mapping.confidence() == null ? null : values.get(mapping.confidence()), mapping.predictionAgent(), mapping);
        return new TextClassificationRecord(id(values, mapping), metadata(values, mapping), null, statusOf(annotation), prediction,
                annotation, inputs, mapping.multiLabel(), null, null, null);
    }

    private static TaskRecord text2text(Map<String, String> values, CsvMapping mapping) {
        String text = values.get(mapping.inputs().get(0));
        Text2TextAnnotation annotation = sentence(values.get(mapping.annotation()), null, mapping.annotationAgent());
        return new Text2TextRecord(id(values, mapping), metadata(values, mapping), null, statusOf(annotation),
                sentence(values.get(mapping.prediction()), values.get(mapping.confidence()), mapping.predictionAgent()),
                annotation, text, null, null);
    }

    private static TextClassificationAnnotation labels(String cell, String confidence, String agent, CsvMapping mapping) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        List<ClassPrediction> labels = new ArrayList<>();
        String[] names = mapping.multiLabel() ? cell.split(java.util.regex.Pattern.quote(mapping.labelSeparator()))
                : new String[] {cell};
        Double score = confidence == null || confidence.isBlank() ? null : Double.valueOf(confidence);
        for (String name : names) {
            if (!name.isBlank()) {
                labels.add(new ClassPrediction(name.strip(), score));
            }
        }
        return new TextClassificationAnnotation(agent, labels);
    }

    private static Text2TextAnnotation sentence(String cell, String confidence, String agent) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        Double score = confidence == null || confidence.isBlank() ? null : Double.valueOf(confidence);
        return new Text2TextAnnotation(agent, List.of(new Text2TextSentence(cell, score)));
    }

    private static RecordId id(Map<String, String> values, CsvMapping mapping) {
        String id = mapping.id() == null ? null : values.get(mapping.id());
        return id == null || id.isBlank() ? null : RecordId.of(id);
    }

    private static Map<String, Object> metadata(Map<String, String> values, CsvMapping mapping) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        mapping.metadata().forEach(column -> metadata.put(column, values.get(column)));
        return metadata;
    }

    /** An iterator over what {@code next} gives until it gives null. */
    private static <T> Iterator<T> lazily(java.util.function.Supplier<? extends T> next) {
        return new Iterator<>() {
            private T ahead;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    ahead = next.get();
                    done = ahead == null;
                }
                return ahead != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T item = ahead;
                ahead = null;
                return item;
            }
        };
    }
}
