package io.rubrix.model.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The common shapes of ISO-8601 instants read and written without {@link java.time.format.DateTimeFormatter},
 * which took a tenth of the ingest service's time (every record carries two timestamps). Anything else, or
 * anything out of range, is left to the formatter: {@link #parse} answers null, {@link #format} falls back.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} with {@code Z}, {@code ±HH:mm} or no zone (read as UTC);
     * null when the text has another shape or an impossible value.
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 16 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = 0;
        int nanos = 0;
        int at = 16;
        if (at < length && text.charAt(at) == ':') {
            second = digits(text, at + 1, 2);
            at += 3;
            if (at < length && text.charAt(at) == '.') {
                int start = ++at;
                while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                    nanos = nanos * 10 + text.charAt(at) - '0';
                    at++;
                }
                if (at == start) {
                    return null;
                }
                for (int scale = at - start; scale < 9; scale++) {
                    nanos *= 10;
                }
            }
        }
        int offsetSeconds = 0;
        if (at < length) {
            char zone = text.charAt(at);
            if ((zone == 'Z' || zone == 'z') && at + 1 == length) {
                offsetSeconds = 0;
            } else if ((zone == '+' || zone == '-') && at + 6 == length && text.charAt(at + 3) == ':') {
                int hours = digits(text, at + 1, 2);
                int minutes = digits(text, at + 4, 2);
                if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
                    return null;
                }
                offsetSeconds = (zone == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
            } else {
                return null;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. February 30: the formatter says why
        }
    }

    /** As {@link Instant#toString()}: {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z}. */
    static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        char[] out = new char[30];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time.getHour(), 2);
        out[13] = ':';
        put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        put(out, 17, time.getSecond(), 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1000 == 0) {
                put(out, at, nanos / 1000, 6);
                at += 6;
            } else {
                put(out, at, nanos, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** The number written with {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void put(char[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
