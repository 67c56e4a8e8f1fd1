package io.rubrix.model.monitor;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A length of time as monitors write it: {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
public final class Span {

    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    private Span() {
    }

    /** The duration {@code text} names, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
