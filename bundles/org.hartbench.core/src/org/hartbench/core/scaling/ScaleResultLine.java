package org.hartbench.core.scaling;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code scale-result} line a scaling demo prints (format in docs/kernel/scaling.md):
 *
 * <pre>
 * scale-result demo=process workers=2 cpus=2 lo=2 hi=2000000 count=148933 checksum=0x1b30b15cc26a4422
 *     t0=... t1=... ticks=... timebase=rdtime@10MHz verdict=ok
 * </pre>
 *
 * The guest's verdict is kept for the record only: the harness checks count and checksum itself.
 */
public record ScaleResultLine(String demo, int workers, int cpus, long lo, long hi, long count, long checksum,
        long t0, long t1, long ticks, String timebase, String verdict) {

    public static final String PREFIX = "scale-result ";

    /**
     * Finds the last result line in a console log and parses it.
     *
     * @return empty when the log holds no line starting with {@value #PREFIX}
     * @throws IllegalArgumentException when such a line is there but malformed; the message says how
     */
    public static Optional<ScaleResultLine> find(String console) {
        String found = null;
        for (String line : console.split("\r?\n")) {
            int at = line.indexOf(PREFIX);
            if (at >= 0) {
                found = line.substring(at).trim();
            }
        }
        return found == null ? Optional.empty() : Optional.of(parse(found));
    }

    /** Parses one line; IllegalArgumentException names the missing or malformed field. */
    public static ScaleResultLine parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a scale-result line: '" + line + "'");
        }
        Map<String, String> f = new HashMap<>();
        for (String word : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("scale-result field without a value: '" + word + "'");
            }
            f.put(word.substring(0, eq), word.substring(eq + 1));
        }
        long t0 = number(f, "t0");
        long t1 = number(f, "t1");
        long ticks = number(f, "ticks");
        if (t1 < t0 || ticks != t1 - t0) {
            throw new IllegalArgumentException("scale-result times disagree: t0=" + t0 + " t1=" + t1 + " ticks=" + ticks);
        }
        return new ScaleResultLine(text(f, "demo"), (int) number(f, "workers"), (int) number(f, "cpus"), number(f, "lo"),
                number(f, "hi"), number(f, "count"), number(f, "checksum"), t0, t1, ticks, text(f, "timebase"),
                text(f, "verdict"));
    }

    /** The guest timebase's frequency in Hz from {@code timebase=rdtime@10MHz}, or -1 if unknown. */
    public long timebaseHz() {
        int at = timebase.indexOf('@');
        String freq = at < 0 ? "" : timebase.substring(at + 1);
        try {
            if (freq.endsWith("MHz")) {
                return Long.parseLong(freq.substring(0, freq.length() - 3)) * 1_000_000L;
            }
            if (freq.endsWith("Hz")) {
                return Long.parseLong(freq.substring(0, freq.length() - 2));
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String text(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("scale-result line has no " + key + "=");
        }
        return v;
    }

    private static long number(Map<String, String> f, String key) {
        String v = text(f, key);
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale-result " + key + "=" + v + " is not a number");
        }
    }
}
