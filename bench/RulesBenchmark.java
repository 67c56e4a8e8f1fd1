import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labelling rule figures benchmark (issue 28, ADR 0013), against the local stack. Loads N text-classification records
 * into a dataset (straight into Elasticsearch, as ingest-service stores them; about 10% annotated; kept between runs
 * of the same N), writes 10 rules straight into its descriptor (a partial update of {@code settings.rules}, as the
 * rules endpoint stores them), then measures over {@code --calls} calls, each after one record's annotation changed
 * with a refresh (so that Elasticsearch's request cache cannot answer):
 * <ol>
 * <li>{@code GET .../labeling/rules} through query-service: the 10 rules with their figures and the totals;</li>
 * <li>the same one search (size 0, the aggregations query-service sends: {@code FiguresSearch}) straight to
 * Elasticsearch;</li>
 * </ol>
 * and prints p50/p99 of both and their ratio. Goal (issue 28): figures of a 10-rule set in under 300 ms p99 at 1M
 * records. The token is an annotator's of team-a (ana, the local realm's), fetched after the load.
 *
 *   bench/run.sh rules [--records 1000000] [--calls 50] [--warmup 5] [--keep]
 */
public class RulesBenchmark {

    static final String[] LABELS = {"Business", "Sports", "World", "Science"};
    /** Each label's words: a record of a label draws most of its words from them. */
    static final String[][] TOPICS = {
            "market stocks rally shares growth inflation bank policy rate profit revenue quarter forecast economy trade"
                    .split(" "),
            "team match season goal coach player league stadium final cup score transfer injury fans referee".split(" "),
            "election vote minister government summit treaty border court law police city parliament protest war peace"
                    .split(" "),
            "research study scientists climate energy space rocket data model network security cloud software health lab"
                    .split(" ")};
    /** The rules: name, query (the search syntax), label. */
    static final String[][] RULES = {
            {"stocks-rally", "stocks AND rally", "Business"},
            {"profit-or-revenue", "profit OR revenue", "Business"},
            {"bank-rate", "bank rate", "Business"},
            {"coach", "coach", "Sports"},
            {"league-goal", "league AND (goal OR score)", "Sports"},
            {"election", "election OR vote", "World"},
            {"court-law", "court law", "World"},
            {"space", "\"space rocket\" OR climate", "Science"},
            {"software", "software AND NOT market", "Science"},
            {"data-model", "data model", "Science"}};
    static final Pattern MATCHED = Pattern.compile("\"totals\":\\{\"rules\":10,\"total_records\":[0-9]+,"
            + "\"annotated_records\":[0-9]+,\"matched\":([0-9]+)");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String[] args;
    final String query;
    final String elasticsearch;
    final String keycloak;
    final String workspace;
    final int records;
    final int calls;
    final int warmup;
    final boolean keep;
    final String dataset;
    final String index;
    String token;

    RulesBenchmark(String[] args) {
        this.args = args;
        query = arg("--query", "http://127.0.0.1:8082");
        elasticsearch = arg("--elasticsearch", "http://127.0.0.1:9200");
        keycloak = arg("--keycloak", "http://127.0.0.1:8180");
        workspace = arg("--workspace", "team-a");
        records = Integer.parseInt(arg("--records", "1000000"));
        calls = Integer.parseInt(arg("--calls", "50"));
        warmup = Integer.parseInt(arg("--warmup", "5"));
        keep = Arrays.asList(args).contains("--keep");
        dataset = "bench-rules-" + records;
        index = "rubrix.records." + workspace + "." + dataset;
        if (records < 1_000 || calls < 1) {
            throw new IllegalArgumentException("--records must be at least 1,000 and --calls at least 1");
        }
    }

    public static void main(String[] args) throws Exception {
        new RulesBenchmark(args).run();
    }

    void run() throws Exception {
        loadOnce();
        writeRules();
        token = token(keycloak + "/realms/rubrix", "rubrix-client", "ana", "ana-password");
        String url = query + "/api/datasets/" + dataset + "/TextClassification/labeling/rules?workspace=" + workspace;
        String raw = elasticsearch + "/" + index + "/_search?request_cache=true";
        String body = figuresSearch();
        // cold: Elasticsearch's caches of filters emptied first, as after a restart or new rules
        send("POST", elasticsearch + "/" + index + "/_cache/clear?query=true&request=true", null, null);
        long cold = System.nanoTime();
        String first = send("GET", url, null, token);
        System.out.printf("the first call, caches emptied (as after a restart, or new rules): %.1f ms%n",
                (System.nanoTime() - cold) / 1e6);
        System.out.println("figures: " + excerpt(first));
        Matcher matched = MATCHED.matcher(first);
        String rawFirst = send("POST", raw, body, null);
        if (!matched.find() || !rawFirst.contains("\"matched\":{\"doc_count\":" + matched.group(1) + ",")) {
            throw new IllegalStateException("query-service and the raw search count different records: "
                    + excerpt(rawFirst));
        }
        System.out.printf("%,d records in %s, 10 rules; %d calls each way (after %d of warm-up), each after one "
                + "annotation changed with a refresh%n", records, dataset, calls, warmup);
        long[] service = new long[calls];
        long[] direct = new long[calls];
        for (int i = -warmup; i < calls; i++) {
            change(i + warmup, 0);
            long begin = System.nanoTime();
            send("GET", url, null, token);
            long took = System.nanoTime() - begin;
            change(i + warmup, 1);
            begin = System.nanoTime();
            send("POST", raw, body, null);
            long rawTook = System.nanoTime() - begin;
            if (i >= 0) {
                service[i] = took;
                direct[i] = rawTook;
            }
        }
        Arrays.sort(service);
        Arrays.sort(direct);
        double[] s = {service[calls / 2] / 1e6, service[Math.min(calls - 1, (int) (calls * 0.99))] / 1e6};
        double[] r = {direct[calls / 2] / 1e6, direct[Math.min(calls - 1, (int) (calls * 0.99))] / 1e6};
        System.out.printf("%-44s p50 %6.1f ms  p99 %6.1f ms%n", "query-service GET .../labeling/rules", s[0], s[1]);
        System.out.printf("%-44s p50 %6.1f ms  p99 %6.1f ms%n", "raw Elasticsearch, the same one search", r[0], r[1]);
        System.out.printf("ratio service/raw: p50 %.2f, p99 %.2f; goal: p99 < 300 ms at 1,000,000 records (%s here)%n",
                s[0] / r[0], s[1] / r[1], s[1] < 300 ? "met" : "not met");
        draftFigures(token);
        if (!keep) {
            send("POST", elasticsearch + "/rubrix.datasets/_update/" + workspace + "." + dataset + "?refresh=true",
                    "{\"doc\":{\"settings\":{\"rules\":" + rulesJson(true) + "}}}", null);
            System.out.println("deleted the 10 rules (the records stay for the next run of this size; --keep keeps "
                    + "the rules too)");
        }
    }

    // ---------------------------------------------------------------- data

    /** The records, unless the dataset already holds exactly N of them (a previous run's). */
    void loadOnce() throws Exception {
        String count = request("GET", elasticsearch + "/" + index + "/_count", null, null).body();
        String descriptor = request("GET", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset, null,
                null).body();
        if (count.contains("\"count\":" + records + ",") && descriptor.contains("\"found\":true")) {
            System.out.printf("%,d records already in %s%n", records, index);
            return;
        }
        send("DELETE", elasticsearch + "/" + index + "?ignore_unavailable=true", null, null);
        send("PUT", elasticsearch + "/rubrix.datasets/_doc/" + workspace + "." + dataset + "?refresh=true",
                "{\"name\":\"" + dataset + "\",\"task\":\"TextClassification\",\"workspace\":\"" + workspace
                        + "\",\"owner\":\"" + workspace + "\",\"tags\":{\"bench\":\"rules\"},"
                        + "\"created_at\":\"" + Instant.now() + "\",\"last_updated\":\"" + Instant.now() + "\"}", null);
        System.out.printf("loading %,d records into %s ...%n", records, index);
        long start = System.nanoTime();
        Random random = new Random(28);
        StringBuilder bulk = new StringBuilder();
        for (int n = 0; n < records; n++) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"rec-").append(n).append("\"}}\n")
                    .append(document(n, random)).append('\n');
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

    /**
     * A record as stored: 8 to 20 words, three in four from its topic's words; a prediction of its topic; one record
     * in ten annotated (the topic, or another label for one of those in five).
     */
    static String document(int n, Random random) {
        int topic = random.nextInt(4);
        int words = 8 + random.nextInt(13);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String[] from = TOPICS[random.nextInt(4) == 0 ? random.nextInt(4) : topic];
            text.append(w == 0 ? "" : " ").append(from[random.nextInt(from.length)]);
        }
        boolean annotated = random.nextInt(10) == 0;
        String label = LABELS[random.nextInt(5) == 0 ? random.nextInt(4) : topic];
        return "{\"id\":\"rec-" + n + "\",\"event_timestamp\":\"2026-12-06T10:00:00Z\",\"status\":\""
                + (annotated ? "Validated" : "Default") + "\",\"prediction\":{\"agent\":\"bench-model\",\"labels\":"
                + "[{\"class\":\"" + LABELS[topic] + "\",\"confidence\":0.8}]},"
                + (annotated ? "\"annotation\":{\"agent\":\"bench-annotator\",\"labels\":[{\"class\":\"" + label
                        + "\",\"confidence\":1.0}]}," : "")
                + "\"inputs\":{\"text\":\"" + text + "\"},\"multi_label\":false,"
                + "\"last_updated\":\"2026-12-06T10:00:00Z\",\"predicted_as\":[\"" + LABELS[topic] + "\"],"
                + "\"annotated_as\":[" + (annotated ? "\"" + label + "\"" : "") + "],\"predicted_by\":[\"bench-model\"],"
                + "\"annotated_by\":[" + (annotated ? "\"bench-annotator\"" : "") + "],\"score\":0.8,\"words\":\""
                + text + "\"}";
    }

    /** The 10 rules into the descriptor: a partial update of settings.rules, oldest first by created_at. */
    void writeRules() throws Exception {
        send("POST", elasticsearch + "/rubrix.datasets/_update/" + workspace + "." + dataset + "?refresh=true",
                "{\"doc\":{\"settings\":{\"rules\":" + rulesJson(false) + "}}}", null);
    }

    /** The rules by name ({@code deleted}: each as null, as a deletion is stored). */
    static String rulesJson(boolean deleted) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < RULES.length; i++) {
            String at = Instant.parse("2026-12-06T10:00:00Z").plusSeconds(i).toString();
            rules.put(RULES[i][0], deleted ? "null" : "{\"name\":\"" + RULES[i][0] + "\",\"query\":\""
                    + RULES[i][1].replace("\"", "\\\"") + "\",\"labels\":[\"" + RULES[i][2] + "\"],\"author\":\"bench\","
                    + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\"}");
        }
        StringBuilder json = new StringBuilder("{");
        rules.forEach((name, rule) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":")
                .append(rule));
        return json.append('}').toString();
    }

    /**
     * One record's annotation changed (one of the first 10,000 records, another each call; refresh), so that the next
     * search cannot come from the shard request cache.
     */
    void change(int call, int side) throws Exception {
        int n = (call * 2 + side) % Math.min(records, 10_000);
        String label = LABELS[(call + side) % 4];
        send("POST", elasticsearch + "/" + index + "/_update/rec-" + n + "?refresh=true",
                "{\"doc\":{\"status\":\"Validated\",\"annotation\":{\"agent\":\"bench-annotator\",\"labels\":[{\"class\":\""
                        + label + "\",\"confidence\":1.0}]},\"annotated_as\":[\"" + label + "\"],\"annotated_by\":"
                        + "[\"bench-annotator\"]}}", null);
    }

    /**
     * The one search query-service sends for the figures of the whole set (io.rubrix.query.rules.FiguresSearch, written
     * out again here): a filters aggregation with a bucket per rule, the annotated records inside (by label: the
     * correct ones), and the set's overlaps (at least two rules) and conflicts (rules of at least two labels) inside
     * each bucket; the set's matched, overlaps and conflicts.
     */
    static String figuresSearch() {
        List<String> queries = new ArrayList<>();
        for (String[] rule : RULES) {
            queries.add("{\"query_string\":{\"query\":\"" + rule[1].replace("\"", "\\\"") + "\",\"default_field\":"
                    + "\"words\",\"default_operator\":\"AND\",\"lenient\":true}}");
        }
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < RULES.length; i++) {
            byLabel.computeIfAbsent(RULES[i][2], label -> new ArrayList<>()).add(queries.get(i));
        }
        String conflicts = anyOf(byLabel.values().stream().map(group -> group.size() == 1 ? group.get(0)
                : anyOf(group, 1)).toList(), 2);
        String overlaps = anyOf(queries, 2);
        String annotated = "{\"exists\":{\"field\":\"annotated_as\"}}";
        StringBuilder buckets = new StringBuilder();
        for (int i = 0; i < RULES.length; i++) {
            buckets.append(i == 0 ? "" : ",").append("\"rule_").append(i).append("\":").append(queries.get(i));
        }
        String aggs = "\"annotated\":{\"filter\":" + annotated + "},"
                + "\"rules\":{\"filters\":{\"filters\":{" + buckets + "}},\"aggs\":{"
                + "\"annotated\":{\"filter\":" + annotated + ",\"aggs\":{\"by_label\":{\"terms\":{\"field\":"
                + "\"annotated_as\",\"size\":" + (RULES.length + 1000) + "}}}},"
                + "\"overlaps\":{\"filter\":" + overlaps + "},\"conflicts\":{\"filter\":" + conflicts + "}}},"
                + "\"matched\":{\"filter\":" + anyOf(queries, 1) + ",\"aggs\":{\"annotated\":{\"filter\":" + annotated
                + "}}},\"overlaps\":{\"filter\":" + overlaps + "},\"conflicts\":{\"filter\":" + conflicts + "}";
        return "{\"size\":0,\"track_total_hits\":true,\"query\":{\"match_all\":{}},\"aggs\":{" + aggs + "}}";
    }

    /**
     * What a person typing a rule waits for: the figures of a query not saved yet (POST .../labeling/rules:figures),
     * a new query each call (as each keystroke is), against the 10 saved rules.
     */
    void draftFigures(String token) throws Exception {
        String url = query + "/api/datasets/" + dataset + "/TextClassification/labeling/rules:figures?workspace="
                + workspace;
        String[] words = {"market", "stocks", "growth", "inflation", "policy", "team", "match", "season", "player",
                "minister", "government", "summit", "research", "energy", "network", "security", "cloud", "quarter",
                "economy", "trade"};
        long[] took = new long[calls];
        for (int i = 0; i < calls; i++) {
            String typed = words[i % words.length] + " AND " + words[(i * 7 + 3) % words.length];
            long begin = System.nanoTime();
            String answer = send("POST", url, "{\"query\":\"" + typed + "\",\"labels\":[\"Business\"]}", token);
            took[i] = System.nanoTime() - begin;
            if (!answer.contains("\"matched\"")) {
                throw new IllegalStateException("no figures for " + typed + ": " + excerpt(answer));
            }
        }
        Arrays.sort(took);
        System.out.printf("%-44s p50 %6.1f ms  p99 %6.1f ms  (%d queries, each new)%n",
                "query-service POST .../rules:figures (typing)", took[calls / 2] / 1e6,
                took[Math.min(calls - 1, (int) (calls * 0.99))] / 1e6, calls);
    }

    static String anyOf(List<String> queries, int atLeast) {
        return "{\"bool\":{\"should\":[" + String.join(",", queries) + "],\"minimum_should_match\":" + atLeast + "}}";
    }

    // ---------------------------------------------------------------- http

    String token(String realm, String client, String user, String password) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client + "&username=" + user
                        + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + answer.body());
        }
        Matcher found = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        if (!found.find()) {
            throw new IllegalStateException("no access_token in " + excerpt(answer.body()));
        }
        return found.group(1);
    }

    HttpResponse<String> request(String method, String url, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", url.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String send(String method, String url, String body, String bearer) throws Exception {
        HttpResponse<String> response = request(method, url, body, bearer);
        if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        return response.body();
    }

    static String excerpt(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
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
