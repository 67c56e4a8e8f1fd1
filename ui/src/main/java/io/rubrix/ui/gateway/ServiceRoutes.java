package io.rubrix.ui.gateway;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;

/**
 * Which service owns an {@code /api} path: machine writes and dataset lifecycle go to ingest-service, human
 * writes to annotation-service, everything else (every read) to query-service. Rules are tried in order; a path
 * no rule names goes to query-service, which answers 404 or 405 for what nobody serves.
 */
public final class ServiceRoutes {

    private static final String NAME = "[^/:]+";
    private static final String SEGMENT = "[^/]+";
    private static final Set<HttpMethod> ANY = Set.of();

    private record Rule(Set<HttpMethod> methods, Pattern path, Service service) {

        boolean matches(HttpMethod method, String candidate) {
            return (methods.isEmpty() || methods.contains(method)) && path.matcher(candidate).matches();
        }
    }

    private static final List<Rule> RULES = List.of(
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/" + NAME + ":bulk", Service.ingest),
            rule(Set.of(HttpMethod.PATCH, HttpMethod.DELETE), "/api/datasets/" + NAME + "/?", Service.ingest),
            rule(Set.of(HttpMethod.PUT), "/api/datasets/" + NAME + ":(close|open)", Service.ingest),
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/snapshots/?", Service.ingest),
            rule(Set.of(HttpMethod.DELETE), "/api/datasets/" + NAME + "/snapshots/" + SEGMENT, Service.ingest),
            rule(ANY, "/api/datasets/" + NAME + "/" + NAME + "/records/" + SEGMENT
                    + "/(annotation|history|comments|responses|responses/me|responses/me:next|review)",
                    Service.annotation),
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/" + NAME + "/bulk-(annotations|deletions)",
                    Service.annotation),
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/" + NAME + "/queue:next", Service.annotation),
            rule(ANY, "/api/datasets/" + NAME + "/settings(/.*)?", Service.annotation),
            rule(Set.of(HttpMethod.PUT, HttpMethod.DELETE), "/api/datasets/" + NAME + "/" + NAME
                    + "/labeling/rules/" + SEGMENT, Service.annotation),
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/" + NAME + "/labeling/rules:apply",
                    Service.annotation),
            rule(Set.of(HttpMethod.PUT, HttpMethod.DELETE), "/api/datasets/" + NAME + "/" + NAME + "/monitors/" + NAME,
                    Service.annotation),
            rule(Set.of(HttpMethod.POST), "/api/datasets/" + NAME + "/" + NAME + "/monitors/" + NAME + ":evaluate",
                    Service.annotation),
            rule(ANY, "/api/jobs(/.*)?", Service.annotation));

    private ServiceRoutes() {
    }

    /** Paths the gateway answers itself: Swagger UI under /api/docs (but the Rubrix spec, query-service's). */
    public static boolean isGatewayOwn(String path) {
        return (path.equals("/api/docs") || path.startsWith("/api/docs/")) && !path.equals("/api/docs/spec.json");
    }

    /**
     * Whether a path as received leaves {@code /api} once decoded: a segment that is {@code .} or {@code ..} after
     * percent-decoding (slashes and backslashes included, as some servers read them), or a malformed escape. Vert.x
     * routes by the path with dot segments removed, so {@code /api/../q/metrics} never reaches the proxy; but
     * {@code /api/x/..%2f..%2fq/metrics} would go to a service as it is, and must not.
     */
    public static boolean escapesApi(String path) {
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                        || Character.digit(path.charAt(i + 2), 16) < 0) {
                    return true;
                }
                c = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                i += 2;
            }
            decoded.append(c);
        }
        for (String segment : decoded.toString().split("[/\\\\]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The service for a request; {@code path} as received (percent-encoded colons are read as colons). */
    public static Service of(HttpMethod method, String path) {
        String decoded = path.replace("%3A", ":").replace("%3a", ":");
        for (Rule rule : RULES) {
            if (rule.matches(method, decoded)) {
                return rule.service();
            }
        }
        return Service.query;
    }

    private static Rule rule(Set<HttpMethod> methods, String regex, Service service) {
        return new Rule(methods, Pattern.compile(regex), service);
    }
}
