package io.rubrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 25: every bad input is a 4xx with a reason, never a 5xx, and changes nothing. Runs each case of
 * {@code bad-input/corpus.json} through the gateway against small datasets of every task (records, annotations, a
 * label schema, a snapshot), and checks that each answer is the status the case expects, as
 * {@code application/problem+json} with a non-empty {@code detail} that names no Java class; then that the datasets
 * are exactly as they were. All failures are collected and reported together (also written to
 * {@code target/bad-input-report.txt}), grouped by endpoint. A case whose service is down (the gateway's 503 naming
 * it, or no gateway) is retried once the stack answers again, and listed apart.
 *
 * <p>A case of the corpus: {@code name}, {@code family}, {@code as} (admin, ana, bob, vic or ingest), {@code method},
 * {@code path}, optional {@code headers}, optional {@code body} (the raw bytes sent, so that malformed JSON can be
 * written), optional {@code contentType} (default {@code application/json} when there is a body; {@code null}: no
 * header), {@code expect} (a status or a list of acceptable ones), optional {@code note}. Placeholders: {@code {ds}}
 * (text classification with a label schema), {@code {free}} (text classification without one), {@code {tok}},
 * {@code {t2t}}, and the scratch datasets {@code {pds}}, {@code {ptok}}, {@code {pt2t}} that take the records of
 * partly bad bulks; {@code {version:ds:r2}} is the current version of record r2 of {@code {ds}}. Big values are
 * written as markers ({@code @@X@@}) that {@code repeat} expands: {@code {"marker", "count", "unit", "separator"}},
 * {@code @@I@@} in the unit being the repetition's index. {@code chunked: true} sends the body without a
 * Content-Length.
 *
 * <p>A bulk with one bad record among good ones expects 200 ({@code "expect": 200} or a list holding 200) with
 * {@code expectErrors} records refused, each error at one of {@code badIndexes} with a reason; {@code goodIds} must
 * then be searchable in {@code verifyDataset} and {@code badIds} not, and the dataset must have grown by the good
 * records only. A bulk-annotations job by ids answered 200 is read the same way ({@code failed}, {@code done},
 * {@code errors} by id).
 *
 * <p>Reasons worded by the libraries underneath (Jackson's "Cannot deserialize value of type", JAX-RS's
 * "@Consumes", Elasticsearch's "failed to parse field ... in document with id") are listed in the report and fail
 * the test ({@code -Drubrix.e2e.bad-input.strict-reasons=false} only lists them). Every answer is written to
 * {@code target/bad-input-answers.tsv}.
 */
class BadInputCorpusTest {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /**
     * Not {@code e2e-}: {@link RemoveTestDatasets} of another run of the suite against the same stack (people run
     * single test classes while this corpus runs) would delete the datasets mid-corpus. This class removes its own,
     * and those an interrupted run left.
     */
    static final String FAMILY = "bad-input-e2e-";
    static final String PREFIX = FAMILY + RUN;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int BODY_EXCERPT = 200;
    /** A reason must not name a class of the implementation (issue 25: "Error texts name Java classes"). */
    static final Pattern JAVA_CLASS = Pattern.compile(
            "\\b(java|javax|jakarta|com\\.fasterxml|io\\.rubrix|io\\.quarkus|io\\.vertx|io\\.smallrye|org\\.jboss"
                    + "|org\\.elasticsearch|co\\.elastic|org\\.apache)\\.[a-z]+\\.");
    /**
     * Wording of the libraries underneath (Jackson, JAX-RS, Elasticsearch) in a reason: reported apart, and a failure
     * unless {@code -Drubrix.e2e.bad-input.strict-reasons=false} (issue 25: reasons a person can read).
     */
    static final Pattern INTERNALS = Pattern.compile("JsonReadFeature|StreamReadConstraints|getMaxNestingDepth"
            + "|Creator exists|Enum class|\\(token a [A-Z_]+\\)|\\[Source:|Cannot construct instance"
            + "|Cannot deserialize value of type|@Consumes|@Produces|\\b[A-Z][A-Za-z]+Exception\\b"
            + "|\\[\\d+:\\d+] failed to parse|document with id|of type \\[[a-z_]+]|HTTP \\d{3} [A-Z]");
    static final boolean STRICT_REASONS = !"false".equals(System.getProperty("rubrix.e2e.bad-input.strict-reasons"));
    static final Pattern VERSION = Pattern.compile("\\{version:(\\w+):([^}]+)}");

    /**
     * HTTP/1.1 without {@code Expect: 100-continue}: the JDK 17 client waits forever for a 100 that a 413 replaces,
     * and its h2c upgrade fails when combined with it. Large bodies are sent whole; the server answers 413 meanwhile.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Placeholder to dataset name, and each dataset's task. */
    private static final Map<String, String> DATASETS = new LinkedHashMap<>();
    private static final Map<String, String> TASKS = new LinkedHashMap<>();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, Long> TOKEN_TIMES = new LinkedHashMap<>();
    private static final List<String> RETRIED = new ArrayList<>();
    private static final List<String> SLOW = new ArrayList<>();
    private static final StringBuilder ANSWERS = new StringBuilder();
    private static final List<String> INTERNAL_WORDING = new ArrayList<>();
    private static Map<String, String> fingerprint;

    record Repeat(String marker, int count, String unit, String separator) {
    }

    record Case(String name, String family, String as, String method, String path, Map<String, String> headers,
            String body, boolean contentTypeGiven, String contentType, List<Repeat> repeat, Set<Integer> expect,
            Integer expectErrors, List<Integer> badIndexes, List<String> goodIds, List<String> badIds,
            String verifyDataset, boolean chunked, String note) {

        boolean partial() {
            return expectErrors != null;
        }
    }

    record Failure(String endpoint, Case c, String problem, int status, String contentType, String body) {

        @Override
        public String toString() {
            if (c.expect().isEmpty()) { // a change found after all cases
                return "  - " + problem + "\n      " + body;
            }
            return "  - [" + c.family() + "] " + c.name() + ": " + problem + "\n      expected " + c.expect()
                    + ", got " + (status < 0 ? "no answer" : status) + (contentType == null ? "" : " " + contentType)
                    + (body == null || body.isEmpty() ? "" : "\n      body: " + excerpt(body))
                    + (c.note() == null ? "" : "\n      note: " + c.note());
        }
    }

    @BeforeAll
    static void smallDatasetsOfEveryTask() {
        awaitStack();
        for (JsonNode dataset : Stack.read(call("admin", "GET", "/api/datasets/", null).body())) {
            String name = dataset.path("name").asText();
            if (name.startsWith(FAMILY) && !name.startsWith(PREFIX)) {
                remove(name, dataset.path("workspace").asText()); // left by an interrupted run
            }
        }
        dataset("ds", "tc", "TextClassification");
        dataset("free", "free", "TextClassification");
        dataset("tok", "tok", "TokenClassification");
        dataset("t2t", "t2t", "Text2Text");
        dataset("pds", "ptc", "TextClassification");
        dataset("ptok", "ptok", "TokenClassification");
        dataset("pt2t", "pt2t", "Text2Text");

        String tc = "[" + textRecord("r1", "Win money now", "spam", 0.9, "train", "ham") + ","
                + textRecord("r2", "Meeting at noon", "ham", 0.8, "test", null) + ","
                + textRecord("r3", "Cheap pills online", "spam", 0.95, "train", null) + ","
                + textRecord("r4", "Lunch tomorrow?", "ham", 0.6, "test", null) + "]";
        logged("ds", "{\"tags\":{\"team\":\"e2e\"},\"metadata\":{\"source\":\"bad-input\"},\"records\":" + tc + "}", 4);
        settings("ds", "{\"labels\":[\"spam\",\"ham\"],\"guidelines\":\"Spam is mail nobody asked for.\"}");
        logged("free", "{\"records\":[" + textRecord("f1", "Any label goes", "x", 0.5, "a", "whatever") + ","
                + textRecord("f2", "Here too", "y", 0.5, "b", null).replaceFirst("^\\{", "{\"multi_label\":true,")
                + "]}", 2);
        logged("tok", "{\"records\":["
                + tokenRecord("t1", "Ana plays Muse", "[{\"start\":0,\"end\":3,\"label\":\"PER\"},"
                        + "{\"start\":10,\"end\":14,\"label\":\"BAND\"}]", true) + ","
                + tokenRecord("t2", "Bob met Eve", "[{\"start\":0,\"end\":3,\"label\":\"PER\"}]", false) + "]}", 2);
        settings("tok", "{\"labels\":[\"PER\",\"BAND\",\"ORG\"]}");
        logged("t2t", "{\"records\":[" + t2tRecord("s1", "Hello world", "Hola mundo", true) + ","
                + t2tRecord("s2", "Good morning", "Buenos días", false) + "]}", 2);
        logged("pds", "{\"records\":[" + textRecord("seed", "seed", "spam", 0.5, "a", null) + "]}", 1);
        logged("ptok", "{\"records\":[" + tokenRecord("seed", "Ana plays Muse", "[]", false) + "]}", 1);
        logged("pt2t", "{\"records\":[" + t2tRecord("seed", "seed", "semilla", false) + "]}", 1);
        HttpResponse<String> snapshot = call("admin", "POST", "/api/datasets/" + DATASETS.get("ds") + "/snapshots", "{}");
        assertThat(snapshot.statusCode()).as(snapshot.body()).isBetween(200, 201);

        fingerprint = fingerprint();
    }

    @AfterAll
    static void removeTheDatasets() {
        for (JsonNode dataset : Stack.read(call("admin", "GET", "/api/datasets/", null).body())) {
            if (dataset.path("name").asText().startsWith(PREFIX)) {
                remove(dataset.path("name").asText(), dataset.path("workspace").asText());
            }
        }
    }

    private static void remove(String name, String workspace) {
        String path = "/api/datasets/" + name + "?workspace=" + workspace;
        String snapshots = "/api/datasets/" + name + "/snapshots";
        HttpResponse<String> list = call("admin", "GET", snapshots + "?workspace=" + workspace, null);
        if (list.statusCode() == 200) {
            for (JsonNode snapshot : Stack.read(list.body())) {
                call("admin", "DELETE", snapshots + "/" + snapshot.path("id").asText() + "?workspace=" + workspace, null);
            }
        }
        call("admin", "DELETE", path, null);
    }

    @Test
    void everyBadInputIsA4xxWithAReasonAndChangesNothing() throws IOException {
        List<Case> corpus = corpus();
        assertThat(corpus).as("the corpus").hasSizeGreaterThan(100);
        List<Failure> failures = new ArrayList<>();
        Map<String, int[]> byFamily = new TreeMap<>();
        int done = 0;
        for (Case c : corpus) {
            System.out.printf("[bad-input] %d/%d %s%n", ++done, corpus.size(), c.name());
            List<Failure> found = run(c);
            failures.addAll(found);
            int[] counts = byFamily.computeIfAbsent(c.family(), f -> new int[2]);
            counts[0]++;
            counts[1] += found.isEmpty() ? 0 : 1;
        }
        long wrong = failures.stream().map(f -> f.c().name()).distinct().count();
        List<Failure> changes = changesSince(fingerprint);
        failures.addAll(changes);

        StringBuilder report = new StringBuilder();
        report.append(corpus.size()).append(" bad inputs, ").append(wrong).append(" answered wrongly; ")
                .append(changes.isEmpty() ? "no data changed" : changes.size() + " things changed in the datasets")
                .append("\n\nBy family (cases, failing):\n");
        byFamily.forEach((family, counts) -> report.append("  ").append(family).append(": ").append(counts[0])
                .append(", ").append(counts[1]).append(" failing\n"));
        Map<String, List<Failure>> byEndpoint = new TreeMap<>();
        failures.forEach(f -> byEndpoint.computeIfAbsent(f.endpoint(), e -> new ArrayList<>()).add(f));
        byEndpoint.forEach((endpoint, list) -> {
            report.append("\n").append(endpoint).append(" (").append(list.size()).append(")\n");
            list.forEach(f -> report.append(f).append('\n'));
        });
        if (!INTERNAL_WORDING.isEmpty()) {
            report.append("\nReasons in the words of the libraries underneath (").append(INTERNAL_WORDING.size())
                    .append(STRICT_REASONS ? "; failures" : "; not failures with "
                            + "-Drubrix.e2e.bad-input.strict-reasons=false").append("):\n");
            INTERNAL_WORDING.forEach(r -> report.append("  - ").append(r).append('\n'));
        }
        if (!SLOW.isEmpty()) {
            report.append("\nSlow answers (over 5 s; not failures):\n");
            SLOW.forEach(r -> report.append("  - ").append(r).append('\n'));
        }
        if (!RETRIED.isEmpty()) {
            report.append("\nRetried once the stack was reachable again (a service was down; not failures):\n");
            RETRIED.forEach(r -> report.append("  - ").append(r).append('\n'));
        }
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("bad-input-report.txt"), report, StandardCharsets.UTF_8);
            Files.writeString(target.resolve("bad-input-answers.tsv"), ANSWERS, StandardCharsets.UTF_8);
        }
        System.out.println("[bad-input] " + report.toString().lines().findFirst().orElse(""));
        assertThat(failures).as(report.toString()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- one case

    private static List<Failure> run(Case c) {
        List<Failure> failures = new ArrayList<>();
        String endpoint = endpointOf(c);
        long totalBefore = c.partial() ? total(c.verifyDataset()) : 0;
        HttpResponse<String> answer;
        long started = System.nanoTime();
        try {
            answer = send(c);
            if (unreachable(answer)) { // a service restarting: wait for the stack, then once more
                RETRIED.add(c.name() + ": " + answer.statusCode() + " " + excerpt(answer.body()));
                awaitStack();
                answer = send(c);
            }
        } catch (ConnectException e) {
            RETRIED.add(c.name() + ": " + e);
            awaitStack();
            try {
                answer = send(c);
            } catch (IOException | RuntimeException again) {
                failures.add(new Failure(endpoint, c, "no answer: " + again, -1, null, null));
                return failures;
            }
        } catch (HttpTimeoutException e) {
            failures.add(new Failure(endpoint, c, "no answer within " + TIMEOUT.toSeconds() + " s", -1, null, null));
            return failures;
        } catch (IOException | RuntimeException e) {
            failures.add(new Failure(endpoint, c, "no answer: " + e, -1, null, null));
            return failures;
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        ANSWERS.append(answer.statusCode()).append('\t').append(millis).append(" ms\t").append(c.name()).append('\t')
                .append(excerpt(answer.body())).append('\n');
        if (millis > 5_000) {
            SLOW.add(c.name() + ": " + millis + " ms, " + answer.statusCode());
        }
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse(null);
        String body = answer.body();
        internalWording(c, status, body).ifPresent(wording -> {
            INTERNAL_WORDING.add(c.name() + " (" + status + "): " + wording);
            if (STRICT_REASONS) {
                failures.add(new Failure(endpoint, c, "the reason shows the implementation: " + wording, status, type,
                        body));
            }
        });
        if (!c.expect().contains(status)) {
            String what = status >= 500 ? "a 5xx" : status < 400 ? "accepted (" + status + ")" : "another status";
            failures.add(new Failure(endpoint, c, what, status, type, body));
        } else if (status == 200 && c.partial()) {
            partialBulk(c, body, totalBefore).ifPresent(problem ->
                    failures.add(new Failure(endpoint, c, problem, status, type, body)));
        }
        if (status >= 400) {
            problemBody(status, type, body).ifPresent(problem -> {
                if (failures.isEmpty()) {
                    failures.add(new Failure(endpoint, c, problem, status, type, body));
                } else {
                    Failure first = failures.remove(0);
                    failures.add(0, new Failure(endpoint, c, first.problem() + "; " + problem, status, type, body));
                }
            });
        }
        return failures;
    }

    /** Library wording in the answer's reasons ({@code detail}, and each refused field or record), if any. */
    private static Optional<String> internalWording(Case c, int status, String body) {
        if (status < 400 && !c.partial() || body == null) {
            return Optional.empty();
        }
        JsonNode answer;
        try {
            answer = Stack.JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (answer != null && answer.path("detail").isTextual()) {
            reasons.add(answer.path("detail").asText());
        }
        if (answer != null) {
            answer.path("errors").forEach(error -> reasons.add(error.path("reason").asText("")));
        }
        for (String reason : reasons) {
            Matcher found = INTERNALS.matcher(reason);
            if (found.find()) {
                return Optional.of("'" + found.group() + "' in \"" + excerpt(reason) + "\"");
            }
        }
        return Optional.empty();
    }

    /** What is wrong with an error answer's body, if anything. */
    private static Optional<String> problemBody(int status, String type, String body) {
        List<String> wrong = new ArrayList<>();
        if (type == null || !type.toLowerCase().startsWith("application/problem+json")) {
            wrong.add("Content-Type is " + type + ", not application/problem+json");
        }
        JsonNode problem = null;
        try {
            problem = body == null || body.isBlank() ? null : Stack.JSON.readTree(body);
        } catch (IOException e) {
            wrong.add("the body is not JSON");
        }
        if (problem == null || !problem.isObject()) {
            if (wrong.stream().noneMatch(w -> w.startsWith("the body"))) {
                wrong.add("no problem body");
            }
        } else {
            String detail = problem.path("detail").isTextual() ? problem.path("detail").asText() : "";
            if (detail.isBlank()) {
                wrong.add("no detail");
            } else if (JAVA_CLASS.matcher(detail).find()) {
                wrong.add("the detail names a Java class");
            }
            if (problem.has("status") && problem.path("status").asInt() != status) {
                wrong.add("the problem's status " + problem.path("status") + " is not the answer's " + status);
            }
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }

    /** A bulk with bad records among good ones: the good ones written, each bad one refused by its index, alone. */
    private static Optional<String> partialBulk(Case c, String body, long totalBefore) {
        JsonNode answer;
        try {
            answer = Stack.JSON.readTree(body);
        } catch (IOException e) {
            return Optional.of("200 whose body is not JSON");
        }
        List<String> wrong = new ArrayList<>();
        boolean job = answer.has("kind"); // a bulk-annotations job by ids: done, failed, errors by id
        if (answer.path("failed").asInt(-1) != c.expectErrors()) {
            wrong.add("failed is " + answer.path("failed") + ", not " + c.expectErrors());
        }
        String processed = job ? "done" : "processed";
        if (answer.path(processed).asInt(-1) != c.goodIds().size()) {
            wrong.add(processed + " is " + answer.path(processed) + ", not " + c.goodIds().size());
        }
        if (job && !"done".equals(answer.path("state").asText())) {
            wrong.add("the job is " + answer.path("state") + ", not done");
        }
        Set<Integer> named = new TreeSet<>();
        for (JsonNode error : answer.path("errors")) {
            if (job) {
                named.addAll(c.badIndexes()); // a job names the record by id
            } else if (!error.path("index").isInt() || !c.badIndexes().contains(error.path("index").asInt())) {
                wrong.add("an error names record " + error.path("index") + ", not one of " + c.badIndexes());
            } else {
                named.add(error.path("index").asInt());
            }
            if (error.path("reason").asText("").isBlank()) {
                wrong.add("an error without a reason");
            } else if (JAVA_CLASS.matcher(error.path("reason").asText()).find()) {
                wrong.add("a record's reason names a Java class");
            }
        }
        if (!named.containsAll(c.badIndexes()) || answer.path("errors").isEmpty()) {
            wrong.add("no error names the refused record (errors: " + answer.path("errors") + ")");
        }
        List<String> ids = new ArrayList<>(c.goodIds());
        ids.addAll(c.badIds());
        JsonNode found = search(c.verifyDataset(), ids);
        Set<String> foundIds = new HashSet<>();
        found.path("records").forEach(r -> foundIds.add(r.path("id").asText()));
        for (String good : c.goodIds()) {
            if (!foundIds.contains(good)) {
                wrong.add("good record " + good + " was not indexed");
            }
        }
        for (String bad : c.badIds()) {
            if (foundIds.contains(bad)) {
                wrong.add("bad record " + bad + " was indexed");
            }
        }
        long grown = total(c.verifyDataset()) - totalBefore;
        if (grown != c.goodIds().size()) {
            wrong.add("the dataset grew by " + grown + " records, not " + c.goodIds().size());
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }

    private static HttpResponse<String> send(Case c) throws IOException {
        String path = resolve(expand(c.path(), c.repeat()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(c.as()));
        c.headers().forEach((name, value) -> request.header(name, resolve(value)));
        if (c.body() == null) {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes = resolve(expand(c.body(), c.repeat())).getBytes(StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            if (c.chunked()) {
                publisher = HttpRequest.BodyPublishers.fromPublisher(publisher); // no length: chunked
            }
            request.method(c.method(), publisher);
            String type = c.contentTypeGiven() ? c.contentType() : "application/json";
            if (type != null) {
                request.header("Content-Type", type);
            }
        }
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS); // a hard deadline
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no answer");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint a case exercises, for the report: method and path template. */
    static String endpointOf(Case c) {
        String path = c.path().replaceAll("\\?.*$", "");
        String[][] rules = {
                {".*:search", "/api/datasets/{name}/{task}:search"},
                {".*:summary", "/api/datasets/{name}/{task}:summary"},
                {".*:series", "/api/datasets/{name}/{task}:series"},
                {".*:bulk", "/api/datasets/{name}/{task}:bulk"},
                {".*:close", "/api/datasets/{name}:close"},
                {"/api/datasets/[^/]*/[^/]+/data", "/api/datasets/{name}/{task}/data"},
                {".*/records/[^/]+/annotation", "/api/datasets/{name}/{task}/records/{id}/annotation"},
                {".*/records/[^/]+/history", "/api/datasets/{name}/{task}/records/{id}/history"},
                {".*/records/[^/]+/comments", "/api/datasets/{name}/{task}/records/{id}/comments"},
                {".*/bulk-annotations", "/api/datasets/{name}/{task}/bulk-annotations"},
                {".*/bulk-deletions", "/api/datasets/{name}/{task}/bulk-deletions"},
                {".*/settings", "/api/datasets/{name}/settings"},
                {"/api/jobs/.*/cancel", "/api/jobs/{id}/cancel"},
                {"/api/jobs/.*", "/api/jobs/{id}"},
                {".*/snapshots/[^/]+", "/api/datasets/{name}/snapshots/{id}"},
                {".*/snapshots", "/api/datasets/{name}/snapshots"}};
        for (String[] rule : rules) {
            if (path.matches(rule[0])) {
                return c.method() + " " + rule[1];
            }
        }
        return c.method() + " /api/datasets/{name}";
    }

    // ---------------------------------------------------------------------------------------------- the corpus

    static List<Case> corpus() throws IOException {
        JsonNode all;
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/corpus.json")) {
            assertThat(in).as("bad-input/corpus.json on the test class path").isNotNull();
            all = Stack.JSON.readTree(in);
        }
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : all) {
            String name = c.path("name").asText();
            assertThat(names.add(name)).as("case names are unique: " + name).isTrue();
            Map<String, String> headers = new LinkedHashMap<>();
            c.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            List<Repeat> repeat = new ArrayList<>();
            c.path("repeat").forEach(r -> repeat.add(new Repeat(r.path("marker").asText(), r.path("count").asInt(),
                    r.path("unit").asText(), r.path("separator").asText(""))));
            Set<Integer> expect = new TreeSet<>();
            if (c.path("expect").isArray()) {
                c.path("expect").forEach(s -> expect.add(s.asInt()));
            } else {
                expect.add(c.path("expect").asInt());
            }
            boolean partial = c.has("expectErrors");
            assertThat(expect).as(name + ": a bad input expects 4xx, or 200 for a bulk with per-record errors")
                    .allMatch(s -> s >= 400 && s < 500 || s == 200 && partial);
            cases.add(new Case(name, c.path("family").asText(), c.path("as").asText("admin"),
                    c.path("method").asText(), c.path("path").asText(), headers,
                    c.hasNonNull("body") ? c.path("body").asText() : null, c.has("contentType"),
                    c.hasNonNull("contentType") ? c.path("contentType").asText() : null, repeat, expect,
                    partial ? c.path("expectErrors").asInt() : null, ints(c.path("badIndexes")),
                    texts(c.path("goodIds")), texts(c.path("badIds")),
                    c.hasNonNull("verifyDataset") ? c.path("verifyDataset").asText() : null,
                    c.path("chunked").asBoolean(false), c.hasNonNull("note") ? c.path("note").asText() : null));
        }
        return cases;
    }

    /** {@code text} with each repeat marker replaced by its unit, {@code count} times. */
    static String expand(String text, List<Repeat> repeats) {
        String expanded = text;
        for (Repeat r : repeats) {
            int at = expanded.indexOf(r.marker());
            if (at < 0) {
                continue;
            }
            StringBuilder value;
            if (!r.unit().contains("@@I@@") && r.separator().isEmpty()) {
                value = new StringBuilder(r.unit().repeat(r.count()));
            } else {
                value = new StringBuilder();
                for (int i = 0; i < r.count(); i++) {
                    value.append(i == 0 ? "" : r.separator()).append(r.unit().replace("@@I@@", Integer.toString(i)));
                }
            }
            expanded = expanded.substring(0, at) + value + expanded.substring(at + r.marker().length());
        }
        return expanded;
    }

    /** Dataset placeholders and record versions. */
    static String resolve(String text) {
        String resolved = text;
        if (resolved.contains("{version:")) {
            Matcher version = VERSION.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (version.find()) {
                version.appendReplacement(out, Matcher.quoteReplacement(versionOf(version.group(1), version.group(2))));
            }
            version.appendTail(out);
            resolved = out.toString();
        }
        for (Map.Entry<String, String> dataset : DATASETS.entrySet()) {
            resolved = resolved.replace("{" + dataset.getKey() + "}", dataset.getValue());
        }
        return resolved;
    }

    private static String versionOf(String dataset, String id) {
        HttpResponse<String> answer = call("admin", "GET", "/api/datasets/" + DATASETS.get(dataset) + "/"
                + TASKS.get(dataset) + "/records/" + id + "/annotation", null);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("could not read the version of " + dataset + "/" + id + ": "
                    + answer.statusCode() + " " + excerpt(answer.body()));
        }
        return Stack.read(answer.body()).path("version").asText();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    // ---------------------------------------------------------------------------------------------- nothing changed

    /** Everything a bad input must leave as it was: each dataset, its records, snapshots and histories. */
    static Map<String, String> fingerprint() {
        Map<String, String> print = new TreeMap<>();
        for (String key : List.of("ds", "free", "tok", "t2t")) {
            String name = DATASETS.get(key);
            String path = "/api/datasets/" + name;
            print.put(key + " dataset", call("admin", "GET", path, null).body());
            HttpResponse<String> records = call("admin", "POST", path + "/" + TASKS.get(key)
                    + ":search?limit=1000&aggregations=false", "{\"sort\":[{\"field\":\"id\",\"order\":\"asc\"}]}");
            JsonNode page = Stack.read(records.body());
            print.put(key + " total", page.path("total").toString());
            for (JsonNode record : page.path("records")) {
                String id = record.path("id").asText();
                print.put(key + " record " + id, record.toString());
                print.put(key + " history " + id, call("admin", "GET", path + "/" + TASKS.get(key) + "/records/" + id
                        + "/history", null).body());
            }
            Set<String> snapshots = new TreeSet<>();
            Stack.read(call("admin", "GET", path + "/snapshots", null).body())
                    .forEach(s -> snapshots.add(s.path("id").asText()));
            print.put(key + " snapshots", snapshots.toString());
        }
        Set<String> datasets = new TreeSet<>();
        Stack.read(call("admin", "GET", "/api/datasets/", null).body()).forEach(d -> {
            if (d.path("name").asText().contains(RUN)) {
                datasets.add(d.path("workspace").asText() + "/" + d.path("name").asText());
            }
        });
        print.put("datasets of this run", datasets.toString());
        return print;
    }

    private static List<Failure> changesSince(Map<String, String> before) {
        Map<String, String> after = fingerprint();
        Case nothing = new Case("(after all cases) nothing changed", "data-unchanged", "admin", "GET", "", Map.of(),
                null, false, null, List.of(), Set.of(), null, List.of(), List.of(), List.of(), null, false, null);
        List<Failure> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String was = before.get(key);
            String is = after.get(key);
            if (!Objects.equals(was, is)) {
                changes.add(new Failure("DATA CHANGED (after all cases; look for the accepted case that did it)",
                        nothing, key + " changed", 0, null, difference(was, is)));
            }
        }
        return changes;
    }

    /** The members of two JSON objects that differ, or both texts. */
    private static String difference(String was, String is) {
        try {
            JsonNode before = was == null ? null : Stack.JSON.readTree(was);
            JsonNode after = is == null ? null : Stack.JSON.readTree(is);
            if (before != null && after != null && before.isObject() && after.isObject()) {
                Set<String> fields = new TreeSet<>();
                before.fieldNames().forEachRemaining(fields::add);
                after.fieldNames().forEachRemaining(fields::add);
                StringBuilder changed = new StringBuilder();
                for (String field : fields) {
                    if (!Objects.equals(before.get(field), after.get(field))) {
                        changed.append(changed.length() == 0 ? "" : "\n      ").append(field).append(": was ")
                                .append(excerpt(String.valueOf(before.get(field)))).append(", now ")
                                .append(excerpt(String.valueOf(after.get(field))));
                    }
                }
                return changed.toString();
            }
        } catch (IOException e) {
            // shown as text below
        }
        return "was " + excerpt(String.valueOf(was)) + "\n      now " + excerpt(String.valueOf(is));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void dataset(String key, String suffix, String task) {
        DATASETS.put(key, PREFIX + "-" + suffix);
        TASKS.put(key, task);
    }

    private static void logged(String key, String body, int records) {
        HttpResponse<String> answer = call("ana", "POST", "/api/datasets/" + DATASETS.get(key) + "/" + TASKS.get(key)
                + ":bulk", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Stack.read(answer.body()).path("processed").asInt()).as(answer.body()).isEqualTo(records);
    }

    private static void settings(String key, String body) {
        HttpResponse<String> answer = call("admin", "PUT", "/api/datasets/" + DATASETS.get(key) + "/settings", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static String textRecord(String id, String text, String predicted, double confidence, String split,
            String annotated) {
        String other = "spam".equals(predicted) ? "ham" : "spam";
        return "{\"id\":\"" + id + "\",\"inputs\":{\"text\":\"" + text + "\"},\"metadata\":{\"split\":\"" + split
                + "\"},\"event_timestamp\":\"2026-11-28T10:00:00Z\",\"prediction\":{\"agent\":\"nb\",\"labels\":["
                + "{\"class\":\"" + predicted + "\",\"confidence\":" + confidence + "},{\"class\":\"" + other
                + "\",\"confidence\":" + Math.round((1 - confidence) * 100) / 100.0 + "}]}"
                + (annotated == null ? "" : ",\"status\":\"Validated\",\"annotation\":{\"agent\":\"ana\",\"labels\":"
                        + "[{\"class\":\"" + annotated + "\"}]}") + "}";
    }

    private static String tokenRecord(String id, String text, String entities, boolean annotated) {
        StringBuilder tokens = new StringBuilder();
        for (String token : text.split(" ")) {
            tokens.append(tokens.length() == 0 ? "" : ",").append('"').append(token).append('"');
        }
        return "{\"id\":\"" + id + "\",\"tokens\":[" + tokens + "],\"raw_text\":\"" + text + "\","
                + "\"event_timestamp\":\"2026-11-28T10:00:00Z\",\"prediction\":{\"agent\":\"tagger\",\"entities\":"
                + entities + ",\"score\":0.8}" + (annotated ? ",\"status\":\"Validated\",\"annotation\":{\"agent\":"
                + "\"ana\",\"entities\":" + entities + "}" : "") + "}";
    }

    private static String t2tRecord(String id, String text, String translation, boolean annotated) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"event_timestamp\":\"2026-11-28T10:00:00Z\","
                + "\"prediction\":{\"agent\":\"mt\",\"sentences\":[{\"text\":\"" + translation + "\",\"score\":0.9}]}"
                + (annotated ? ",\"status\":\"Validated\",\"annotation\":{\"agent\":\"ana\",\"sentences\":[{\"text\":\""
                + translation + "\"}]}" : "") + "}";
    }

    private static JsonNode search(String datasetPlaceholder, List<String> ids) {
        String key = datasetPlaceholder.replaceAll("[{}]", "");
        StringBuilder list = new StringBuilder();
        for (String id : ids) {
            list.append(list.length() == 0 ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(id).toString());
        }
        HttpResponse<String> answer = call("admin", "POST", "/api/datasets/" + DATASETS.get(key) + "/" + TASKS.get(key)
                + ":search?limit=1000&aggregations=false", "{\"query\":{\"ids\":[" + list + "]}}");
        return answer.statusCode() == 200 ? Stack.read(answer.body()) : Stack.JSON.createObjectNode();
    }

    private static long total(String datasetPlaceholder) {
        String key = datasetPlaceholder.replaceAll("[{}]", "");
        HttpResponse<String> answer = call("admin", "POST", "/api/datasets/" + DATASETS.get(key) + "/" + TASKS.get(key)
                + ":search?limit=0&aggregations=false", "{}");
        return answer.statusCode() == 200 ? Stack.read(answer.body()).path("total").asLong() : -1;
    }

    /** A token of {@code who}, fetched again after a minute so that a long run never sends an expired one. */
    private static synchronized String token(String who) {
        Long fetched = TOKEN_TIMES.get(who);
        if (fetched == null || System.nanoTime() - fetched > Duration.ofSeconds(60).toNanos()) {
            String token = switch (who) {
                case "ingest" -> Stack.serviceAccountToken("rubrix-ingest", "rubrix-ingest-dev-secret");
                case "admin", "ana", "bob", "vic" -> Stack.token(who, who + "-password");
                default -> throw new IllegalArgumentException("no user '" + who + "' in the realm");
            };
            TOKENS.put(who, token);
            TOKEN_TIMES.put(who, System.nanoTime());
        }
        return TOKENS.get(who);
    }

    private static HttpResponse<String> call(String who, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(who))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> answer = Stack.send(HTTP, request.build());
                if (!unreachable(answer) || attempt == 3) {
                    return answer;
                }
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof ConnectException) || attempt == 3) {
                    throw e;
                }
            }
            awaitStack();
        }
    }

    /** The gateway's answer for a service that is down (503 naming it), which no input of a case causes. */
    private static boolean unreachable(HttpResponse<String> answer) {
        return answer.statusCode() == 503 && answer.body() != null && answer.body().contains("is unreachable");
    }

    /**
     * Waits (up to 3 minutes) until the gateway and the three services answer: the stack is shared with people
     * restarting services. Each service answers a request without a token itself (401), the gateway 503 for a
     * service that is down.
     */
    private static void awaitStack() {
        List<String[]> probes = List.of(new String[] {"GET", "/api/_info"},
                new String[] {"POST", "/api/datasets/" + PREFIX + "-probe/TextClassification:bulk"},
                new String[] {"GET", "/api/jobs/probe"});
        try {
            await("the gateway and the three services to answer").atMost(Duration.ofMinutes(3))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                    .until(() -> probes.stream().allMatch(BadInputCorpusTest::answered));
        } catch (ConditionTimeoutException e) {
            // Going on is deliberate: the case sent next reports what the stack answers then.
        }
    }

    /** Whether the gateway passed the probe to a service that answered it (502, 503 or 504 when it did not). */
    private static boolean answered(String[] probe) {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + probe[1]))
                    .timeout(Duration.ofSeconds(10)).method(probe[0], HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status != 502 && status != 503 && status != 504;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "… (" + text.length() + " chars)";
    }
}
