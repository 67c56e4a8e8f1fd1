package io.rubrix.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.record.Task;
import io.rubrix.model.record.token.TokenClassificationRecord;

/** Writes exported records, one at a time, as JSONL, CSV (classification and Text2Text) or CoNLL (token classification). */
public final class RecordExport {

    static final List<String> CSV_COLUMNS = List.of("id", "text", "prediction", "confidence", "prediction_agent",
            "annotation", "annotation_agent", "status", "metadata");

    private final PrintWriter out;
    private final RecordFiles.Format format;
    private final Task task;
    private final boolean predictedTags;
    private final ObjectMapper json;
    private List<String> snapshotColumns;

    public RecordExport(PrintWriter out, RecordFiles.Format format, Task task, boolean predictedTags, ObjectMapper json) {
        if (format == RecordFiles.Format.conll && task != Task.TokenClassification) {
            throw new RecordFiles.UnreadableFile("CoNLL is for TokenClassification datasets; this one is " + task);
        }
        this.out = out;
        this.format = format;
        this.task = task;
        this.predictedTags = predictedTags;
        this.json = json;
        if (format == RecordFiles.Format.csv && task != null) {
            out.print(Csv.row(CSV_COLUMNS));
        }
    }

    /** One record of a dataset. */
    public void record(JsonNode record) {
        switch (format) {
            case jsonl -> out.println(record.toString());
            case conll -> out.print(Conll.write(token(record), predictedTags));
            case csv -> out.print(Csv.row(csvRow(record)));
        }
    }

    /** One row of a snapshot (flat training rows: CSV columns from the first row's keys). */
    public void row(JsonNode row) {
        if (format != RecordFiles.Format.csv) {
            out.println(row.toString());
            return;
        }
        if (snapshotColumns == null) {
            snapshotColumns = new ArrayList<>();
            row.fieldNames().forEachRemaining(snapshotColumns::add);
            out.print(Csv.row(snapshotColumns));
        }
        List<String> cells = new ArrayList<>();
        snapshotColumns.forEach(column -> cells.add(cell(row.get(column))));
        out.print(Csv.row(cells));
    }

    private List<String> csvRow(JsonNode record) {
        String text;
        JsonNode prediction = record.path("prediction");
        JsonNode annotation = record.path("annotation");
        String predicted;
        String confidence;
        String annotated;
        if (task == Task.Text2Text) {
            text = record.path("text").asText();
            predicted = prediction.path("sentences").path(0).path("text").asText("");
            confidence = prediction.path("sentences").path(0).path("score").asText("");
            annotated = annotation.path("sentences").path(0).path("text").asText("");
        } else {
            JsonNode inputs = record.path("inputs");
            text = inputs.size() == 1 && inputs.has("text") ? inputs.path("text").asText() : inputs.toString();
            predicted = labels(prediction);
            confidence = prediction.path("labels").path(0).path("confidence").asText("");
            annotated = labels(annotation);
        }
        return List.of(record.path("id").asText(), text, predicted, confidence, prediction.path("agent").asText(""),
                annotated, annotation.path("agent").asText(""), record.path("status").asText(""),
                record.path("metadata").isMissingNode() ? "{}" : record.path("metadata").toString());
    }

    private static String labels(JsonNode annotation) {
        List<String> labels = new ArrayList<>();
        annotation.path("labels").forEach(label -> labels.add(label.path("class").asText()));
        return String.join(";", labels);
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private TokenClassificationRecord token(JsonNode record) {
        try {
            return json.treeToValue(record, TokenClassificationRecord.class);
        } catch (JsonProcessingException e) {
            throw new RecordFiles.UnreadableFile("not a token classification record: " + e.getOriginalMessage());
        }
    }
}
