package io.rubrix.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.rubrix.model.dataset.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List the datasets of your workspaces.")
final class DatasetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Override
    public Integer call() {
        List<Dataset> datasets = connection.client().datasets();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %-20s %-12s %-20s %-20s %s%n", "NAME", "TASK", "WORKSPACE", "CREATED", "UPDATED", "TAGS");
        for (Dataset dataset : datasets) {
            out.printf("%-32s %-20s %-12s %-20s %-20s %s%n", dataset.name(), dataset.task(), dataset.workspace(),
                    String.valueOf(dataset.createdAt()).replaceAll("\\.\\d+Z$", "Z"),
                    String.valueOf(dataset.lastUpdated()).replaceAll("\\.\\d+Z$", "Z"),
                    dataset.tags() == null ? "{}" : dataset.tags());
        }
        return 0;
    }
}
