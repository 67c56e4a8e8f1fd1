package io.rubrix.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import io.rubrix.cli.format.RecordFiles;
import io.rubrix.client.RubrixException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rubrix <command>}: the Java SDK from a shell. Exit codes: 0 done; 1 done, but the server refused some
 * records; 2 wrong usage; 3 the server refused the call (4xx); 4 the server failed or could not be reached;
 * 5 a file could not be read or written.
 */
@Command(name = "rubrix", mixinStandardHelpOptions = true, version = "rubrix-cli 0.1.0",
        description = "Log records into Rubrix datasets and export them, from files and to files.",
        subcommands = {LogCommand.class, ExportCommand.class, DatasetsCommand.class, DeleteCommand.class,
                SnapshotCommand.class, io.rubrix.cli.demo.DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:done, but the server refused some records", "2:wrong usage",
                "3:the server refused the call (4xx)", "4:the server failed or could not be reached",
                "5:a file could not be read or written", "70:an unexpected error (a bug: please report it)"})
public final class RubrixCli {

    static final int SOME_REFUSED = 1;
    static final int REFUSED = 3;
    static final int UNREACHABLE = 4;
    static final int FILE_ERROR = 5;
    static final int BUG = 70;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new RubrixCli());
        command.setOut(out);
        command.setErr(err);
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("rubrix: " + message(e));
            line.getErr().flush();
            return exitCode(e);
        });
        return command.execute(args);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static int exitCode(Exception e) {
        if (e instanceof RubrixException refused) {
            return refused.status() >= 400 && refused.status() < 500 ? REFUSED : UNREACHABLE;
        }
        if (e instanceof RecordFiles.UnreadableFile || e instanceof UncheckedIOException
                || e instanceof java.io.IOException) {
            return FILE_ERROR;
        }
        return BUG;
    }
}
