package io.rubrix.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.rubrix.client.Progress;

/**
 * {@code [=========>          ] 45,000/100,000 records  12,340 rec/s  ETA 4s} on standard error. On a terminal
 * the bar redraws itself in place; otherwise (a log file, a CI job) it prints a line at every tenth of the work.
 */
public final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean inPlace;
    private final LongSupplier clock;
    private final long started;
    private int lastTenth = -1;

    ProgressBar(PrintWriter out, boolean inPlace, LongSupplier nanoClock) {
        this.out = out;
        this.inPlace = inPlace;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    public static ProgressBar onStandardError(PrintWriter err) {
        return new ProgressBar(err, System.console() != null, System::nanoTime);
    }

    @Override
    public synchronized void update(long done, long total) {
        double seconds = Math.max(1e-9, (clock.getAsLong() - started) / 1e9);
        double rate = done / seconds;
        String line = render(done, total, rate);
        if (inPlace) {
            out.print("\r" + line);
            if (total >= 0 && done >= total) {
                out.println();
            }
        } else {
            int tenth = total > 0 ? (int) (done * 10 / total) : (int) (done / 10_000);
            if (tenth != lastTenth || (total >= 0 && done >= total)) {
                out.println(line);
                lastTenth = tenth;
            }
        }
        out.flush();
    }

    static String render(long done, long total, double rate) {
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            line.append('[').append("=".repeat(filled)).append(filled < WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, WIDTH - filled - 1))).append("] ");
            line.append(String.format(Locale.ROOT, "%,d/%,d records", done, total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d records", done));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f rec/s", rate));
        if (total > 0 && rate > 0) {
            line.append("  ETA ").append(duration(Math.round((total - done) / rate)));
        }
        return line.toString();
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
    }
}
