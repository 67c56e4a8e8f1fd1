package io.rubrix.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.rubrix.client.Rubrix;
import io.rubrix.model.snapshot.DatasetSnapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Freeze a dataset's Validated records into a snapshot (prints its id), or list or delete its"
                + " snapshots. Export one with: rubrix export DATASET --snapshot ID."})
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(names = "--list", description = "List the snapshots instead, newest first.")
    boolean list;

    @Option(names = "--delete", paramLabel = "ID", description = "Delete this snapshot instead.")
    String delete;

    @Override
    public Integer call() {
        Rubrix rubrix = connection.client();
        PrintWriter out = spec.commandLine().getOut();
        if (delete != null) {
            rubrix.deleteSnapshot(dataset, delete);
            out.printf("snapshot %s of %s deleted%n", delete, dataset);
        } else if (list) {
            out.printf("%-28s %-22s %10s%n", "ID", "CREATED", "ROWS");
            for (DatasetSnapshot snapshot : rubrix.snapshots(dataset)) {
                out.printf("%-28s %-22s %10d%n", snapshot.id(), snapshot.creationDate(), snapshot.count());
            }
        } else {
            DatasetSnapshot snapshot = rubrix.snapshot(dataset, null);
            out.printf("%s%n", snapshot.id());
            spec.commandLine().getErr().printf("snapshot %s of %s: %d rows%n", snapshot.id(), dataset, snapshot.count());
        }
        return 0;
    }
}
