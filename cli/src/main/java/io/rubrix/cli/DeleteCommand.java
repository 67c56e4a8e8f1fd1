package io.rubrix.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a dataset and its records (role admin). Its snapshots stay.")
final class DeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(names = "--yes", description = "Confirm: without it nothing is deleted.")
    boolean confirmed;

    @Override
    public Integer call() {
        if (!confirmed) {
            throw new ParameterException(spec.commandLine(), "deleting " + dataset + " needs --yes");
        }
        connection.client().delete(dataset);
        spec.commandLine().getOut().printf("%s deleted%n", dataset);
        return 0;
    }
}
