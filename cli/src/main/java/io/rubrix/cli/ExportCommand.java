package io.rubrix.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.rubrix.cli.format.RecordExport;
import io.rubrix.cli.format.RecordFiles;
import io.rubrix.client.Rubrix;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.json.RubrixJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a dataset (every record, streamed) or one of its snapshots to JSONL, CSV or CoNLL.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(names = "--snapshot", description = "A snapshot id: export its rows instead of the dataset's records.")
    String snapshot;

    @Option(names = {"-f", "--format"}, description = "jsonl, csv or conll (token classification). Default: from"
            + " --output's extension, else jsonl.")
    RecordFiles.Format format;

    @Option(names = {"-o", "--output"}, description = "The file to write. Default: standard output.")
    Path output;

    @Option(names = "--predicted", description = "CoNLL: tags from the prediction instead of the annotation.")
    boolean predicted;

    @Override
    public Integer call() throws Exception {
        RecordFiles.Format chosen = format != null ? format
                : output == null ? RecordFiles.Format.jsonl : RecordFiles.Format.of(output);
        Rubrix rubrix = connection.client();
        AtomicLong count = new AtomicLong();
        PrintWriter out = output == null ? spec.commandLine().getOut()
                : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        try {
            if (snapshot != null) {
                RecordExport export = new RecordExport(out, chosen, null, false, RubrixJson.newMapper());
                try (Stream<JsonNode> rows = rubrix.load(dataset, snapshot)) {
                    rows.forEach(row -> {
                        export.row(row);
                        count.incrementAndGet();
                    });
                }
            } else {
                Dataset described = rubrix.dataset(dataset);
                RecordExport export = new RecordExport(out, chosen, described.task(), predicted, RubrixJson.newMapper());
                try (Stream<JsonNode> records = rubrix.loadJson(dataset, null)) {
                    records.forEach(record -> {
                        export.record(record);
                        count.incrementAndGet();
                    });
                }
            }
        } finally {
            if (output == null) {
                out.flush();
            } else {
                out.close();
            }
        }
        spec.commandLine().getErr().printf("%s: %d %s exported%s%n", dataset, count.get(),
                snapshot == null ? "records" : "rows of snapshot " + snapshot, output == null ? "" : " to " + output);
        return 0;
    }
}
