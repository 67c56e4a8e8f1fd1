package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rubrix.cli.RubrixCli;

/** Each command of the command line on small files, against the real stack through the gateway. */
class CommandLineAgainstTheStackTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @TempDir
    Path dir;

    private final String ana = Stack.token("ana", "ana-password");
    private StringWriter out;
    private StringWriter err;

    @Test
    void logsJsonlAndCsvExportsThemAndListsTheDataset() throws Exception {
        String dataset = "e2e-cli-" + RUN;
        Path jsonl = write("news.jsonl", """
                {"id":"j1","inputs":{"text":"Stocks rally"},"prediction":{"agent":"m1","labels":[{"class":"business","confidence":0.9}]}}
                {"id":"j2","inputs":{"text":"Cup final tonight"},"metadata":{"source":"wire"}}
                """);
        assertThat(cli("log", jsonl.toString(), "-d", dataset)).isZero();
        assertThat(out.toString()).contains(dataset + ": 2 records logged, 0 refused");

        Path csv = write("more.csv", """
                id,text,label,guess,score,source
                c1,"Rates rise, again",business,business,0.8,wire
                c2,"He said \"\"goal\"\"",sport,business,0.55,blog
                """);
        assertThat(cli("log", csv.toString(), "-d", dataset, "--annotation", "label", "--prediction", "guess",
                "--confidence", "score", "--prediction-agent", "m2", "--metadata", "source")).isZero();
        assertThat(out.toString()).contains("2 records logged, 0 refused");

        Path exported = dir.resolve("all.csv");
        assertThat(cli("export", dataset, "-o", exported.toString())).isZero();
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines.get(0)).isEqualTo("id,text,prediction,confidence,prediction_agent,annotation,annotation_agent,status,metadata");
        assertThat(lines).hasSize(5);
        // the label is credited to the person who logged it (ana), whatever agent the command line names
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
                "c2,\"He said \"\"goal\"\"\",business,0.55,m2,sport,ana,Validated,\"{\"\"source\"\":\"\"blog\"\"}\""));
        assertThat(err.toString()).contains("4 records exported");

        assertThat(cli("export", dataset, "--format", "jsonl")).isZero();
        assertThat(out.toString().strip().split("\n")).hasSize(4);

        assertThat(cli("datasets")).isZero();
        assertThat(out.toString()).contains("NAME").containsPattern(dataset + " +TextClassification +team-a");
    }

    @Test
    void refusedRecordsAreListedAndTheExitCodeSaysSo() throws Exception {
        Path jsonl = write("some-bad.jsonl", """
                {"id":"ok1","inputs":{"text":"fine"}}
                {"id":"bad1","inputs":{}}
                {"id":"ok2","inputs":{"text":"fine too"}}
                """);
        assertThat(cli("log", jsonl.toString(), "-d", "e2e-cli-bad-" + RUN)).isEqualTo(1);
        assertThat(out.toString()).contains("2 records logged, 1 refused");
        assertThat(err.toString()).contains("record 1 (id bad1): inputs");

        Path broken = write("broken.jsonl", "{\"id\":\"x\",\"inputs\":{\"text\":\"a\"}}\n{not json\n");
        assertThat(cli("log", broken.toString(), "-d", "e2e-cli-bad-" + RUN)).isEqualTo(5);
        assertThat(err.toString()).contains("line 2: not a TextClassification record");

        assertThat(cli("export", "e2e-cli-never-" + RUN)).isEqualTo(3);
        assertThat(err.toString()).contains("404").contains("not found");
    }

    @Test
    void snapshotsAreTakenListedExportedAndTheDatasetDeleted() throws Exception {
        String dataset = "e2e-cli-snap-" + RUN;
        Path csv = write("labelled.csv", "id,text,label\nv1,one,A\nv2,two,B\nv3,three,\n");
        assertThat(cli("log", csv.toString(), "-d", dataset, "--annotation", "label")).isZero();
        assertThat(cli("snapshot", dataset)).isZero();
        String id = out.toString().strip();
        assertThat(err.toString()).contains("snapshot " + id + " of " + dataset + ": 2 rows");
        assertThat(cli("snapshot", dataset, "--list")).isZero();
        assertThat(out.toString()).contains(id);
        Path rows = dir.resolve("rows.csv");
        assertThat(cli("export", dataset, "--snapshot", id, "-o", rows.toString())).isZero();
        List<String> lines = Files.readAllLines(rows);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("id").contains("text");

        assertThat(cli("delete", dataset, "--yes")).as("an annotator may not delete").isEqualTo(3);
        assertThat(cliAs(Stack.token("admin", "admin-password"), "delete", dataset, "--yes")).isZero();
        assertThat(cli("export", dataset)).isEqualTo(3);
    }

    @Test
    void aCoNllExportOfATokenClassificationDatasetReimportsEqual() throws Exception {
        String dataset = "e2e-cli-ner-" + RUN;
        Path jsonl = write("ner.jsonl", """
                {"id":"n1","tokens":["Ada","Lovelace","lived","in","London","."],"raw_text":"Ada  Lovelace lived in London.","annotation":{"agent":"ana","entities":[{"start":0,"end":13,"label":"PER"},{"start":23,"end":29,"label":"LOC"}]}}
                {"id":"n2","tokens":["Kafka","streams","to","Rubrix"],"raw_text":"Kafka streams to Rubrix","annotation":{"agent":"ana","entities":[{"start":0,"end":5,"label":"ORG"},{"start":17,"end":23,"label":"ORG"}]}}
                {"id":"n3","tokens":["Nothing","here"],"raw_text":"Nothing here"}
                """);
        assertThat(cli("log", jsonl.toString(), "-d", dataset, "-t", "TokenClassification")).isZero();
        Path first = dir.resolve("first.conll");
        assertThat(cli("export", dataset, "-o", first.toString())).isZero();
        String exported = Files.readString(first);
        assertThat(exported).contains("# id = n1\nAda B-PER\nLovelace I-PER\nlived O\nin O\nLondon B-LOC\n. O\n");

        String again = dataset + "-again";
        assertThat(cli("log", first.toString(), "-d", again, "-t", "TokenClassification")).isZero();
        assertThat(out.toString()).contains("3 records logged, 0 refused");
        Path second = dir.resolve("second.conll");
        assertThat(cli("export", again, "-o", second.toString())).isZero();
        assertThat(sorted(Files.readString(second))).isEqualTo(sorted(exported));
    }

    @Test
    void aLongRunShowsItsProgressWithRateAndTimeLeft() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("{\"id\":\"p").append(i).append("\",\"inputs\":{\"text\":\"progress record ").append(i)
                    .append("\"}}\n");
        }
        Path jsonl = write("long.jsonl", lines.toString());
        assertThat(cli("log", jsonl.toString(), "-d", "e2e-cli-long-" + RUN, "--chunk-size", "1000", "--no-wait")).isZero();
        List<String> progress = List.of(err.toString().strip().split("\n"));
        assertThat(progress).hasSizeGreaterThanOrEqualTo(10);
        assertThat(progress.get(0)).matches("\\[=*>? *\\] [0-9,]+/20,000 records  [0-9,]+ rec/s  ETA \\d+[smh].*");
        assertThat(progress.get(progress.size() - 1)).startsWith("[==============================] 20,000/20,000 records");
    }

    /** CoNLL blocks in id order (exports come in index order). */
    private static List<String> sorted(String conll) {
        List<String> blocks = new ArrayList<>(List.of(conll.split("\n\n")));
        blocks.replaceAll(String::strip);
        blocks.sort(null);
        return blocks;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private int cli(String... args) {
        return cliAs(ana, args);
    }

    private int cliAs(String token, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api-url");
        all.add(Stack.GATEWAY);
        all.add("--api-key");
        all.add(token);
        return RubrixCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
