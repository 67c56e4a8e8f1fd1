package io.rubrix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** Usage errors and help need no server. */
class UsageTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpIsEverywhere() {
        for (String command : new String[] {"log", "export", "datasets", "delete", "snapshot"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: rubrix " + command);
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("log", "export", "datasets", "delete", "snapshot", "Exit codes:");
    }

    @Test
    void wrongUsageIsExitCodeTwoWithTheReason() {
        assertThat(run("log", "records.jsonl")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--dataset=<dataset>'");
        assertThat(run("delete", "news")).isEqualTo(2);
        assertThat(err.toString()).contains("deleting news needs --yes");
        assertThat(run("log", "x.jsonl", "-d", "news", "--task", "Summaries")).isEqualTo(2);
        assertThat(err.toString()).contains("TextClassification, TokenClassification, Text2Text");
        assertThat(run("datasets", "--client-id", "rubrix-ingest")).isEqualTo(2);
        assertThat(err.toString()).contains("--client-id needs --client-secret and --token-url");
    }

    @Test
    void aMissingFileIsExitCodeFive() {
        assertThat(run("log", "/nonexistent/records.jsonl", "-d", "news", "--api-url", "http://127.0.0.1:1")).isEqualTo(5);
        assertThat(err.toString()).contains("rubrix: ").contains("records.jsonl");
    }

    @Test
    void anUnreachableServerIsExitCodeFour() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("records", ".jsonl");
        java.nio.file.Files.writeString(file, "{\"id\":\"1\",\"inputs\":{\"text\":\"hi\"}}\n");
        assertThat(run("log", file.toString(), "-d", "news", "--api-url", "http://127.0.0.1:1")).isEqualTo(4);
        assertThat(err.toString()).contains("rubrix: POST http://127.0.0.1:1/api/datasets/news/TextClassification:bulk");
    }

    private int run(String... args) {
        return RubrixCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
