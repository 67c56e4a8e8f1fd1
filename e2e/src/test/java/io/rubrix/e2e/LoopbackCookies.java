package io.rubrix.e2e;

import java.net.CookieHandler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A browser's cookie jar for a stack on loopback: one jar per host, cookies sent on every path, and the Secure flag
 * not enforced, as browsers do for localhost (Keycloak marks its login cookies Secure; java.net.CookieManager would
 * then never send them over http). A cookie set with Max-Age=0 is removed.
 */
final class LoopbackCookies extends CookieHandler {

    private final Map<String, Map<String, String>> jars = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> jar = jars.getOrDefault(uri.getHost(), Map.of());
        if (jar.isEmpty()) {
            return Map.of();
        }
        StringBuilder header = new StringBuilder();
        jar.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return Map.of("Cookie", List.of(header.toString()));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        Map<String, String> jar = jars.computeIfAbsent(uri.getHost(), host -> new LinkedHashMap<>());
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(cookie -> set(jar, cookie));
            }
        });
    }

    private static synchronized void set(Map<String, String> jar, String cookie) {
        String[] parts = cookie.split(";");
        int equals = parts[0].indexOf('=');
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean expired = value.isEmpty();
        for (String attribute : parts) {
            expired |= attribute.trim().equalsIgnoreCase("Max-Age=0");
        }
        if (expired) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }

    /** Whether {@code host} holds a cookie whose name starts with {@code prefix}. */
    boolean has(String host, String prefix) {
        return jars.getOrDefault(host, Map.of()).keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }
}
