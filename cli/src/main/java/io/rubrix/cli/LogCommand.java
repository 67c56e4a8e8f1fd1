package io.rubrix.cli;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.rubrix.cli.format.CsvMapping;
import io.rubrix.cli.format.RecordFiles;
import io.rubrix.client.LogOptions;
import io.rubrix.client.LogSummary;
import io.rubrix.model.json.RubrixJson;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Log the records of a file into a dataset (created on first use).",
                "JSONL: one record per line in the Rubrix format of the task. CSV: columns mapped by the options below"
                        + " (TextClassification and Text2Text). CoNLL: token and BIO tag per line, a blank line"
                        + " between sentences, '# id = ...' before each (TokenClassification)."})
final class LogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .jsonl, .csv or .conll file.")
    Path file;

    @Option(names = {"-d", "--dataset"}, required = true, description = "The dataset to log into.")
    String dataset;

    @Option(names = {"-t", "--task"}, defaultValue = "TextClassification",
            description = "TextClassification, TokenClassification or Text2Text. Default: ${DEFAULT-VALUE}.")
    Task task;

    @Option(names = "--format", description = "jsonl, csv or conll. Default: from the file's extension.")
    RecordFiles.Format format;

    @Option(names = "--inputs", split = ",", defaultValue = "text",
            description = "CSV: the column(s) that make the inputs (for Text2Text, the text). Default: ${DEFAULT-VALUE}.")
    List<String> inputs;

    @Option(names = "--id", defaultValue = "id", description = "CSV: the id column, used when present. Default: ${DEFAULT-VALUE}.")
    String id;

    @Option(names = "--annotation", description = "CSV: the column of the human label(s) (or target sentence).")
    String annotation;

    @Option(names = "--annotation-agent", defaultValue = "rubrix-cli",
            description = "Who the annotations of the file are from, when an admin imports them on that person's "
                    + "behalf; the server credits anyone else's labels to themselves. Default: ${DEFAULT-VALUE}.")
    String annotationAgent;

    @Option(names = "--prediction", description = "CSV: the column of the predicted label(s) (or sentence).")
    String prediction;

    @Option(names = "--confidence", description = "CSV: the column of the prediction's confidence.")
    String confidence;

    @Option(names = "--prediction-agent", description = "The model that predicted. Default: the file's name.")
    String predictionAgent;

    @Option(names = "--metadata", split = ",", description = "CSV: columns to keep as metadata.")
    List<String> metadata = List.of();

    @Option(names = "--multi-label", description = "CSV: labels are several, separated by --label-separator.")
    boolean multiLabel;

    @Option(names = "--label-separator", defaultValue = ";", description = "Default: ${DEFAULT-VALUE}.")
    String labelSeparator;

    @Option(names = "--tag", description = "A dataset tag, key=value (repeatable).")
    Map<String, String> tags = Map.of();

    @Option(names = "--chunk-size", defaultValue = "500", description = "Records per request. Default: ${DEFAULT-VALUE}.")
    int chunkSize;

    @Option(names = "--no-wait", description = "Do not wait for each chunk to be searchable (faster bulk loads).")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        RecordFiles.Format fileFormat = format == null ? RecordFiles.Format.of(file) : format;
        long total = RecordFiles.count(file, fileFormat);
        CsvMapping mapping = new CsvMapping(inputs, id, annotation, annotationAgent, prediction, confidence,
                predictionAgent == null ? file.getFileName().toString() : predictionAgent, metadata, multiLabel,
                labelSeparator);
        LogSummary summary;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<TaskRecord> records = RecordFiles.read(in, fileFormat, task, mapping, RubrixJson.newMapper());
            LogOptions options = LogOptions.DEFAULT.withChunkSize(chunkSize).withTags(tags).withSearchable(!noWait)
                    .withProgress(ProgressBar.onStandardError(spec.commandLine().getErr()), total);
            summary = connection.client().log(records, dataset, options);
        }
        spec.commandLine().getOut().printf("%s: %d records logged, %d refused%n", dataset, summary.processed(),
                summary.failed());
        summary.errors().forEach(error -> spec.commandLine().getErr().printf("  record %d (id %s): %s %s%n",
                error.index(), error.id(), error.field(), error.reason()));
        return summary.failed() > 0 ? RubrixCli.SOME_REFUSED : 0;
    }
}
