package io.rubrix.query.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rubrix.model.error.ApiException;

/** A bucket width: fixed ({@code 5m}, {@code 1h}) or calendar ({@code month}), as Elasticsearch's date_histogram takes it. */
record Interval(String text, String elasticsearchKey, String elasticsearchValue, Duration approximateLength) {

    private static final Pattern FIXED = Pattern.compile("([1-9][0-9]{0,5})([smhd])");
    private static final Map<String, String> CALENDAR = Map.of("week", "1w", "month", "1M", "quarter", "1q", "year", "1y");
    private static final Map<String, Duration> CALENDAR_LENGTH = Map.of("week", Duration.ofDays(7),
            "month", Duration.ofDays(28), "quarter", Duration.ofDays(90), "year", Duration.ofDays(365));

    static Interval parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("interval", "is required, e.g. 5m, 1h, 1d or month");
        }
        if (CALENDAR.containsKey(text)) {
            return new Interval(text, "calendar_interval", CALENDAR.get(text), CALENDAR_LENGTH.get(text));
        }
        Matcher fixed = FIXED.matcher(text);
        if (!fixed.matches()) {
            throw ApiException.badRequest("interval", "'" + text
                    + "' is not an interval: a number and s, m, h or d (30s, 5m, 1h, 1d), or week, month, quarter, year");
        }
        long amount = Long.parseLong(fixed.group(1));
        Duration length = switch (fixed.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new Interval(text, "fixed_interval", text, length);
    }

    void applyTo(ObjectNode dateHistogram) {
        dateHistogram.put(elasticsearchKey, elasticsearchValue);
    }
}
