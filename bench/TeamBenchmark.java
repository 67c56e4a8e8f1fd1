import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Team labelling benchmark (issue 27, ADR 0012), against the local stack. Loads N text-classification records into a
 * fresh dataset (straight into Elasticsearch, as ingest-service stores them), sets two answers per record, then:
 * <ol>
 * <li>8 annotators (distinct people: bench-1..bench-8, made in the realm for the run) each loop "submit my response
 * to the record I hold, then queue:next" against annotation-service for a fixed time; p50/p99 of the pair;</li>
 * <li>the agreement endpoint over the whole dataset (query-service), p50/p99 over 20 calls, each after one more
 * response written with a refresh (so that Elasticsearch's request cache cannot answer it), and over 20 repeated
 * calls (the cache may answer);</li>
 * <li>the least raw Elasticsearch does for one submit + next at the same concurrency: a _doc write with if_seq_no of
 * the record held (with a one-response team object), then a GET of the next record; p50/p99 and the ratios.</li>
 * </ol>
 * The realm has three annotators; the benchmark needs eight distinct people (a queue is per person), so it makes
 * bench-1..bench-8 (group /team-a, realm role annotator) through Keycloak's admin API with the master realm's admin
 * (admin/admin on the local stack) and deletes them at the end, also after a failure.
 *
 *   bench/run.sh team [--records 1000000] [--annotators 8] [--seconds 180] [--raw-seconds 60] [--warmup-seconds 10]
 *                     [--agreement-calls 20] [--keep] [--two-calls]
 * By default each annotator's step is one request, PUT .../responses/me:next ("submit and get next"); --two-calls
 * measures PUT .../responses/me then POST .../queue:next.
 */
public class TeamBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science"};
    static final Pattern SEQ = Pattern.compile("\"_seq_no\":([0-9]+),\"_primary_term\":([0-9]+)");
    static final Pattern RECORD_ID = Pattern.compile("\"record\":\\{\"id\":\"rec-([0-9]+)\"");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String[] args;
    final String annotation;
    final String query;
    final String elasticsearch;
    final String keycloak;
    final String workspace;
    final int records;
    final int annotators;
    final int seconds;
    final int rawSeconds;
    final int warmupSeconds;
    final int agreementCalls;
    final boolean keep;
    /** --two-calls: PUT responses/me then POST queue:next, instead of PUT responses/me:next (submit and get next). */
    final boolean twoCalls;
    final String dataset = "bench-team";
    final String index;
    final String[] users;
    final String[] tokens;
    final AtomicLong errors = new AtomicLong();
    String adminToken;
    String keycloakAdmin;

    TeamBenchmark(String[] args) {
        this.args = args;
        annotation = arg("--annotation", "http://127.0.0.1:8083");
        query = arg("--query", "http://127.0.0.1:8082");
        elasticsearch = arg("--elasticsearch", "http://127.0.0.1:9200");
        keycloak = arg("--keycloak", "http://127.0.0.1:8180");
        workspace = arg("--workspace", "team-a");
        records = Integer.parseInt(arg("--records", "1000000"));
        annotators = Integer.parseInt(arg("--annotators", "8"));
        seconds = Integer.parseInt(arg("--seconds", "180"));
        rawSeconds = Integer.parseInt(arg("--raw-seconds", Integer.toString(Math.min(seconds, 60))));
        warmupSeconds = Integer.parseInt(arg("--warmup-seconds", "10"));
        agreementCalls = Integer.parseInt(arg("--agreement-calls", "20"));
        keep = Arrays.asList(args).contains("--keep");
        twoCalls = Arrays.asList(args).contains("--two-calls");
        index = "rubrix.records." + workspace + "." + dataset;
        users = new String[annotators];
        tokens = new String[annotators];
        for (int u = 0; u < annotators; u++) {
            users[u] = "bench-" + (u + 1);
        }
        if (records < 10_000) {
            throw new IllegalArgumentException("--records must be at least 10,000");
        }
    }

    public static void main(String[] args) throws Exception {
        new TeamBenchmark(args).run();
    }

    void run() throws Exception {
        load();
        keycloakAdmin = token(keycloak + "/realms/master", "admin-cli", "admin", "admin");
        try {
            createUsers();
            adminToken = token(keycloak + "/realms/rubrix", "rubrix-client", "admin", "admin-password");
            for (int u = 0; u < annotators; u++) {
                tokens[u] = token(keycloak + "/realms/rubrix", "rubrix-client", users[u], users[u] + "-password");
            }
            send("PUT", annotation + "/api/datasets/" + dataset + "/settings/team?workspace=" + workspace,
                    "{\"min_submitted\":2,\"resolution\":\"review\"}", adminToken);
            System.out.printf("%,d records in %s, min_submitted 2; %d annotators, %d s (raw: %d s) after %d s of warm-up%n",
                    records, dataset, annotators, seconds, rawSeconds, warmupSeconds);

            long[] before = elasticsearchCounts();
            long[] cpuBefore = {cpu(elasticsearchPid), cpu(annotationPid)};
            Result service = team();
            long[] cpuAfter = {cpu(elasticsearchPid), cpu(annotationPid)};
            long[] after = elasticsearchCounts();
            print(twoCalls ? "annotation-service submit + queue:next" : "annotation-service responses/me:next", service);
            if (twoCalls) {
                System.out.printf("  of which PUT responses/me %s; POST queue:next %s%n", percentiles(submits),
                        percentiles(nexts));
            }
            System.out.printf("  queue:next answered 204 (nothing left) %d times while records waited, asked again%n",
                    emptyQueues.get());
            long all = service.pairs + warmupPairs.get();
            System.out.printf("  Elasticsearch requests per pair (whole cluster, warm-up included): %.1f writes, %.1f gets, "
                    + "%.1f searches%n", (after[0] - before[0]) / (double) all, (after[1] - before[1]) / (double) all,
                    (after[2] - before[2]) / (double) all);
            System.out.printf("  CPU per pair (warm-up included): annotation-service %.2f ms, Elasticsearch %.2f ms%n",
                    ticksToMillis(cpuAfter[1] - cpuBefore[1]) / all, ticksToMillis(cpuAfter[0] - cpuBefore[0]) / all);
            agreement();
            long rawCpuBefore = cpu(elasticsearchPid);
            rawPairs.set(0);
            Result raw = raw();
            long rawCpu = cpu(elasticsearchPid) - rawCpuBefore;
            print("raw PUT _doc if_seq_no + GET _doc", raw);
            System.out.printf("  CPU per pair (warm-up included): Elasticsearch %.2f ms%n",
                    ticksToMillis(rawCpu) / rawPairs.get());
            System.out.printf("submit + next: p50 ratio %.2f, p99 ratio %.2f (service/raw; goal p99 within 2x)%n",
                    service.p50 / raw.p50, service.p99 / raw.p99);
        } finally {
            deleteUsers();
            if (!keep) {
                send("DELETE", elasticsearch + "/" + index + "?ignore_unavailable=true", null, null);
                send("DELETE", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                        null, null);
                System.out.println("removed " + dataset + " (--keep keeps it)");
            }
        }
    }

    record Result(double p50, double p95, double p99, double perSecond, long pairs, long errors) {
    }

    void print(String name, Result result) {
        System.out.printf("%-40s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %6.0f pairs/s  (%,d pairs, %d errors)%n",
                name, result.p50, result.p95, result.p99, result.perSecond, result.pairs, result.errors);
    }

    // ---------------------------------------------------------------- the team, through annotation-service

    /** Each annotator answers the record they hold and asks for the next, until the time is up. */
    Result team() throws Exception {
        String[] held = new String[annotators];
        for (int u = 0; u < annotators; u++) { // each person's first record: not timed
            held[u] = next(u);
        }
        return concurrently(seconds, (u, measuring) -> {
            long begin = System.nanoTime();
            int n = Integer.parseInt(held[u]);
            String body = "{\"status\":\"submitted\",\"annotation\":{\"labels\":[{\"class\":\"" + label(n, u) + "\"}]}}";
            if (!twoCalls) { // "submit and get next" in one request: PUT .../responses/me:next
                HttpResponse<String> both = request("PUT", annotation + "/api/datasets/" + dataset
                        + "/TextClassification/records/rec-" + n + "/responses/me:next?workspace=" + workspace, body,
                        tokens[u]);
                int at = both.body().indexOf("\"next\":");
                Matcher id = RECORD_ID.matcher(at < 0 ? "" : both.body().substring(at));
                if (both.statusCode() != 200 && errors.incrementAndGet() <= 5) {
                    System.err.println(users[u] + " answering rec-" + n + ": " + both.statusCode() + " "
                            + excerpt(both.body()));
                }
                if (both.statusCode() == 200 && id.find()) {
                    held[u] = id.group(1);
                } else {
                    if (both.statusCode() == 200) {
                        emptyQueues.incrementAndGet();
                    }
                    held[u] = next(u);
                }
                long end = System.nanoTime();
                if (!measuring) {
                    warmupPairs.incrementAndGet();
                }
                return end - begin;
            }
            HttpResponse<String> answered = request("PUT", annotation + "/api/datasets/" + dataset
                    + "/TextClassification/records/rec-" + n + "/responses/me?workspace=" + workspace, body,
                    tokens[u]);
            if (answered.statusCode() != 200) { // counted; the person moves on, as a person would
                if (errors.incrementAndGet() <= 5) {
                    System.err.println(users[u] + " answering rec-" + n + ": " + answered.statusCode() + " "
                            + excerpt(answered.body()));
                }
            }
            long submitted = System.nanoTime();
            held[u] = next(u);
            long end = System.nanoTime();
            if (measuring) {
                submits.add(submitted - begin);
                nexts.add(end - submitted);
            } else {
                warmupPairs.incrementAndGet();
            }
            return end - begin;
        });
    }

    final AtomicLong warmupPairs = new AtomicLong();
    final AtomicLong rawPairs = new AtomicLong();
    final long elasticsearchPid = pid("org.elasticsearch.bootstrap");
    final long annotationPid = pid("annotation-service");

    /** Writes, gets and searches (shard queries) Elasticsearch has served so far, over every index. */
    long[] elasticsearchCounts() throws Exception {
        String stats = send("GET", elasticsearch + "/_stats/indexing,get,search?filter_path=_all.total.indexing.index_total,"
                + "_all.total.get.total,_all.total.search.query_total", null, null);
        return new long[] {number(stats, "index_total"), number(stats, "total"), number(stats, "query_total")};
    }

    static long number(String json, String name) {
        Matcher found = Pattern.compile("\"" + name + "\":([0-9]+)").matcher(json);
        return found.find() ? Long.parseLong(found.group(1)) : 0;
    }

    final List<Long> submits = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> nexts = java.util.Collections.synchronizedList(new ArrayList<>());

    /** p50 and p99 in ms of {@code nanos}. */
    static String percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %6.1f ms  p99 %6.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    /**
     * The number of the record the queue hands {@code u}. A 204 ("nothing left for you") while most records wait is
     * wrong (reported: the queue answers 204 when the 20 candidates its search proposes are all taken by claims and
     * answers the search does not see yet, before the next refresh); it is counted and asked again after 100 ms,
     * which the pair's time includes, as a person would see it.
     */
    String next(int u) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> answer = request("POST", annotation + "/api/datasets/" + dataset
                    + "/TextClassification/queue:next?workspace=" + workspace, null, tokens[u]);
            if (answer.statusCode() == 204) {
                emptyQueues.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            Matcher id = RECORD_ID.matcher(answer.body());
            if (answer.statusCode() != 200 || !id.find()) {
                throw new IllegalStateException(users[u] + "'s queue answered " + answer.statusCode() + " "
                        + excerpt(answer.body()));
            }
            return id.group(1);
        }
        throw new IllegalStateException(users[u] + "'s queue answered 204 a hundred times in a row");
    }

    final AtomicLong emptyQueues = new AtomicLong();

    /** Annotators agree on a record's label but for about one response in ten. */
    static String label(int n, int u) {
        return (n * 31 + u * 17) % 10 == 0 ? LABELS[(n + 1) % 4] : LABELS[n % 4];
    }

    // ---------------------------------------------------------------- agreement, through query-service

    void agreement() throws Exception {
        String url = query + "/api/datasets/" + dataset + "/TextClassification:agreement?workspace=" + workspace;
        String first = send("POST", url, "{\"query\":{}}", adminToken);
        System.out.println("agreement: " + excerpt(first));
        long[] fresh = new long[agreementCalls];
        long[] repeated = new long[agreementCalls];
        int held = 0;
        String heldRecord = next(0);
        for (int i = 0; i < agreementCalls; i++) {
            // One more response, visible to searches: the next call cannot be answered from the request cache.
            int n = Integer.parseInt(heldRecord);
            send("PUT", annotation + "/api/datasets/" + dataset + "/TextClassification/records/rec-" + n
                    + "/responses/me?refresh=wait_for&workspace=" + workspace,
                    "{\"status\":\"submitted\",\"annotation\":{\"labels\":[{\"class\":\"" + label(n, 0) + "\"}]}}",
                    tokens[0]);
            heldRecord = next(0);
            long begin = System.nanoTime();
            send("POST", url, "{\"query\":{}}", adminToken);
            fresh[i] = System.nanoTime() - begin;
            held++;
        }
        for (int i = 0; i < agreementCalls; i++) {
            long begin = System.nanoTime();
            send("POST", url, "{\"query\":{}}", adminToken);
            repeated[i] = System.nanoTime() - begin;
        }
        Arrays.sort(fresh);
        Arrays.sort(repeated);
        System.out.printf("agreement over %,d records, after a refresh: p50 %6.1f ms  p99 %6.1f ms  (%d calls; goal "
                + "within 1 s)%n", records, fresh[agreementCalls / 2] / 1e6,
                fresh[Math.min(agreementCalls - 1, (int) (agreementCalls * 0.99))] / 1e6, held);
        System.out.printf("agreement repeated (request cache):     p50 %6.1f ms  p99 %6.1f ms  (%d calls)%n",
                repeated[agreementCalls / 2] / 1e6,
                repeated[Math.min(agreementCalls - 1, (int) (agreementCalls * 0.99))] / 1e6, agreementCalls);
    }

    // ---------------------------------------------------------------- raw Elasticsearch

    /**
     * The least one submit + next costs: the record held written over the version read (if_seq_no) with a team
     * object of one response, then the next record read. Records from the end of the dataset, which the queues (in
     * the order records arrived) did not reach; after the agreement calls, which they would otherwise count.
     */
    Result raw() throws Exception {
        int[] held = new int[annotators];
        String[] seq = new String[annotators];
        AtomicInteger nextRecord = new AtomicInteger();
        for (int u = 0; u < annotators; u++) {
            held[u] = fromTheEnd(nextRecord.getAndIncrement());
            seq[u] = seqOf(held[u]);
        }
        return concurrently(rawSeconds, (u, measuring) -> {
            long begin = System.nanoTime();
            int n = held[u];
            String[] version = seq[u].split("/");
            rawPairs.incrementAndGet();
            send("PUT", elasticsearch + "/" + index + "/_doc/rec-" + n + "?if_seq_no=" + version[0]
                    + "&if_primary_term=" + version[1], withTeam(n, u), null);
            int following = fromTheEnd(nextRecord.getAndIncrement());
            seq[u] = seqOf(following);
            held[u] = following;
            return System.nanoTime() - begin;
        });
    }

    /** The k-th record from the end, around again when a small dataset runs out (the floor's cost is the same). */
    int fromTheEnd(int k) {
        return records - 1 - Math.floorMod(k, records / 2);
    }

    String seqOf(int n) throws Exception {
        Matcher version = SEQ.matcher(send("GET", elasticsearch + "/" + index + "/_doc/rec-" + n, null, null));
        if (!version.find()) {
            throw new IllegalStateException("no version of rec-" + n);
        }
        return version.group(1) + "/" + version.group(2);
    }

    /** The record as stored, with the team object one submitted response gives it. */
    String withTeam(int n, int u) {
        String doc = document(n);
        String user = "raw-" + users[u];
        String team = ",\"team\":{\"responses\":[{\"user\":\"" + user + "\",\"status\":\"submitted\",\"annotation\":"
                + "{\"agent\":\"" + user + "\",\"labels\":[{\"class\":\"" + label(n, u) + "\",\"confidence\":1.0}]},"
                + "\"at\":\"" + Instant.now() + "\",\"version\":1}],\"claims\":[],\"review\":null,\"final_from\":null,"
                + "\"responded_by\":[\"" + user + "\"],\"answered_by\":[\"" + user + "\"],\"submitted_by\":[\"" + user
                + "\"],\"claimed_by\":[],\"submitted\":1,\"answers\":1,\"complete\":false,\"agreed\":null,"
                + "\"needs_review\":false,\"full_until\":null,\"coincidences\":[],\"pairs\":[]}}";
        return doc.substring(0, doc.length() - 1) + team;
    }

    // ---------------------------------------------------------------- processes

    static long pid(String commandLineHas) {
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (var process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String command = java.nio.file.Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains(commandLineHas) && command.contains("java")) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while listed
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no running process with '" + commandLineHas + "' in its command line");
    }

    /** utime + stime of the process, in clock ticks (USER_HZ, 100 a second). */
    static long cpu(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static double ticksToMillis(long ticks) {
        return ticks * 10.0;
    }

    // ---------------------------------------------------------------- timing

    interface Pair {
        /** One submit + next of person {@code u}; answers its nanoseconds. */
        long run(int u, boolean measuring) throws Exception;
    }

    /** Every person runs pairs for the warm-up, then for the measured time; the measured pairs' latencies. */
    Result concurrently(int seconds, Pair pair) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(annotators);
        List<Future<long[]>> running = new ArrayList<>();
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        errors.set(0);
        for (int u = 0; u < annotators; u++) {
            int person = u;
            running.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    boolean measuring = now >= warmEnd;
                    long took = pair.run(person, measuring);
                    if (measuring) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        long[] all = new long[0];
        try {
            for (Future<long[]> future : running) {
                long[] some = future.get();
                long[] joined = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, joined, all.length, some.length);
                all = joined;
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(all);
        int count = all.length;
        if (count == 0) {
            throw new IllegalStateException("no pair measured");
        }
        return new Result(all[count / 2] / 1e6, all[(int) (count * 0.95)] / 1e6, all[(int) (count * 0.99)] / 1e6,
                count / (double) seconds, count, errors.get());
    }

    // ---------------------------------------------------------------- the people, for the run only

    void createUsers() throws Exception {
        deleteUsers(); // left by a run that was killed
        String admin = keycloak + "/admin/realms/rubrix";
        String role = send("GET", admin + "/roles/annotator", null, keycloakAdmin);
        for (String user : users) {
            HttpResponse<String> created = request("POST", admin + "/users", "{\"username\":\"" + user
                    + "\",\"enabled\":true,\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"" + user
                    + "\",\"email\":\"" + user + "@bench.rubrix.local\",\"groups\":[\"/team-a\"],\"credentials\":"
                    + "[{\"type\":\"password\",\"value\":\"" + user + "-password\",\"temporary\":false}]}", keycloakAdmin);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating " + user + ": " + created.statusCode() + " " + created.body());
            }
            String location = created.headers().firstValue("Location").orElseThrow();
            send("POST", location + "/role-mappings/realm", "[" + role + "]", keycloakAdmin);
        }
        System.out.printf("made %s..%s in realm rubrix (group /team-a, role annotator) for this run%n", users[0],
                users[annotators - 1]);
    }

    void deleteUsers() {
        try {
            keycloakAdmin = token(keycloak + "/realms/master", "admin-cli", "admin", "admin"); // lives a minute
            String admin = keycloak + "/admin/realms/rubrix";
            int deleted = 0;
            for (String user : users) {
                String found = send("GET", admin + "/users?exact=true&username=" + URLEncoder.encode(user,
                        StandardCharsets.UTF_8), null, keycloakAdmin);
                Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(found);
                if (id.find()) {
                    send("DELETE", admin + "/users/" + id.group(1), null, keycloakAdmin);
                    deleted++;
                }
            }
            if (deleted > 0) {
                System.out.printf("deleted %d bench users from realm rubrix%n", deleted);
            }
        } catch (Exception e) {
            System.err.println("could not delete the bench users bench-1..bench-" + annotators + ": " + e);
        }
    }

    String token(String realm, String client, String user, String password) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client + "&username=" + user
                        + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + answer.body());
        }
        return field(answer.body(), "access_token");
    }

    // ---------------------------------------------------------------- data, fresh each run

    void load() throws Exception {
        send("DELETE", elasticsearch + "/" + index + "?ignore_unavailable=true", null, null);
        send("PUT", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\"" + workspace
                        + "\",\"owner\":\"" + workspace + "\",\"tags\":{\"bench\":\"team\"},"
                        + "\"created_at\":\"" + Instant.now() + "\",\"last_updated\":\"" + Instant.now() + "\"}", null);
        System.out.printf("loading %,d records into %s ...%n", records, index);
        long start = System.nanoTime();
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < records; n++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"rec-").append(n).append("\"}}\n")
                    .append(document(n)).append('\n');
            if ((n + 1) % 2000 == 0 || n == records - 1) {
                if (send("POST", elasticsearch + "/_bulk?filter_path=errors", bulk.toString(), null).contains("true")) {
                    throw new IllegalStateException("Elasticsearch refused documents");
                }
                bulk.setLength(0);
            }
        }
        send("POST", elasticsearch + "/" + index + "/_refresh", null, null);
        System.out.printf("loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** A record as stored: text, a prediction, metadata; no annotation. */
    static String document(int n) {
        String predicted = LABELS[(n * 7) % 4];
        String text = "Report " + n + " on markets, teams, elections and research across the world";
        return "{\"id\":\"rec-" + n + "\",\"metadata\":{\"split\":\"" + (n % 5 == 0 ? "test" : "train")
                + "\"},\"event_timestamp\":\"2026-12-06T10:00:00Z\",\"status\":\"Default\",\"prediction\":{\"agent\":"
                + "\"bench-model\",\"labels\":[{\"class\":\"" + predicted + "\",\"confidence\":0.7},{\"class\":\"Other\","
                + "\"confidence\":0.3}]},\"inputs\":{\"text\":\"" + text + "\"},\"multi_label\":false,"
                + "\"last_updated\":\"2026-12-06T10:00:00Z\",\"predicted_as\":[\"" + predicted + "\"],\"annotated_as\":[],"
                + "\"predicted_by\":[\"bench-model\"],\"annotated_by\":[],\"score\":0.7,\"words\":\"" + text + "\"}";
    }

    // ---------------------------------------------------------------- http

    HttpResponse<String> request(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", url.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String send(String method, String url, String body, String token) throws Exception {
        HttpResponse<String> response = request(method, url, body, token);
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        return response.body();
    }

    static String excerpt(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    static String field(String json, String name) {
        Matcher found = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!found.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return found.group(1);
    }

    String arg(String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
