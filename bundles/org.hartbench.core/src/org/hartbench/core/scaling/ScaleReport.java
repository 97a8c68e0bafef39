package org.hartbench.core.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of a session: every run, the median speedup per CPU count and the claims. Speedup at
 * N CPUs is median(ticks at 1 CPU) / median(ticks at N CPUs), over the accepted runs only, in the
 * time base the options name (virtual time in deterministic mode, else wall clock).
 *
 * @param options the session's options
 * @param runs    every run, in the order they ran
 * @param rows    one row per CPU count, in the options' order
 * @param claims  the correctness claim, then one speedup claim per CPU count above 1
 */
public record ScaleReport(ScaleOptions options, List<ScaleRun> runs, List<Row> rows, List<ScaleClaim> claims) {

    /** The speedup the seed sets for 1→2 CPUs; below it the claim fails. */
    public static final double THRESHOLD_1_TO_2 = 1.6;

    /**
     * @param cpus        CPU count
     * @param accepted    runs that count (verified and concurrent)
     * @param rejected    runs that do not
     * @param medianTicks median timed-section ticks of the accepted runs, or -1 without any
     * @param medianWallNanos median host time per boot of the accepted runs, or -1
     * @param speedup     median ticks at 1 CPU over median ticks here, or NaN
     */
    public record Row(int cpus, int accepted, int rejected, long medianTicks, long medianWallNanos, double speedup) {
    }

    public ScaleReport {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
        claims = List.copyOf(claims);
    }

    /** Judges a session's runs. */
    public static ScaleReport of(ScaleOptions options, List<ScaleRun> runs) {
        List<Row> rows = new ArrayList<>();
        long base = medianTicks(runs, 1);
        for (int c : options.cpus()) {
            List<ScaleRun> at = runsAt(runs, c);
            int ok = (int) at.stream().filter(ScaleRun::accepted).count();
            long med = medianTicks(runs, c);
            long wall = median(at.stream().filter(ScaleRun::accepted).mapToLong(ScaleRun::wallNanos).toArray());
            double speedup = base > 0 && med > 0 ? (double) base / med : Double.NaN;
            rows.add(new Row(c, ok, at.size() - ok, med, wall, speedup));
        }
        List<ScaleClaim> claims = new ArrayList<>();
        claims.add(correctness(options, runs));
        for (Row row : rows) {
            if (row.cpus() > 1) {
                claims.add(speedup(options, runs, row));
            }
        }
        return new ScaleReport(options, runs, rows, claims);
    }

    /** True when every gating claim passed. */
    public boolean passed() {
        return claims.stream().allMatch(c -> c.passed() || !c.gating());
    }

    private static ScaleClaim correctness(ScaleOptions options, List<ScaleRun> runs) {
        String name = options.demo().manifest + " results verified (count and checksum recomputed on the host)";
        List<String> bad = new ArrayList<>();
        for (ScaleRun r : runs) {
            if (!r.verified()) {
                bad.add(r.label() + ": " + String.join("; ", r.errors().isEmpty() ? List.of("no result") : r.errors()));
            }
        }
        String msg = bad.isEmpty() ? "all " + runs.size() + " runs match the host's count and checksum"
                : bad.size() + " of " + runs.size() + " runs rejected: " + String.join(" | ", bad);
        return new ScaleClaim(name, true, 0, Double.NaN, Double.NaN, bad.isEmpty() && !runs.isEmpty(), msg);
    }

    private static ScaleClaim speedup(ScaleOptions options, List<ScaleRun> runs, Row row) {
        boolean gating = row.cpus() == 2;
        String demo = options.demo().manifest;
        String name = gating
                ? String.format("%s 1→2 ≥ %.1fx (%s)", demo, THRESHOLD_1_TO_2, options.timeBase())
                : String.format("%s 1→%d speedup (%s, diagnostic)", demo, row.cpus(), options.timeBase());
        List<String> why = new ArrayList<>();
        for (ScaleRun r : runs) {
            if ((r.cpus() == 1 || r.cpus() == row.cpus()) && !r.accepted()) {
                why.add(r.label() + " rejected: " + String.join("; ", r.reasons()));
            }
        }
        String figure = Double.isNaN(row.speedup()) ? "no speedup (no accepted runs to compare)"
                : String.format("median speedup %.3fx (median ticks %d at 1 CPU, %d at %d)", row.speedup(),
                        medianTicks(runs, 1), row.medianTicks(), row.cpus());
        boolean passed;
        if (!gating) {
            passed = true;
        } else {
            passed = why.isEmpty() && !Double.isNaN(row.speedup()) && row.speedup() >= THRESHOLD_1_TO_2;
            if (why.isEmpty() && !Double.isNaN(row.speedup()) && !passed) {
                why.add(String.format("%.3fx is below the threshold %.1fx", row.speedup(), THRESHOLD_1_TO_2));
            }
        }
        String msg = figure + (why.isEmpty() ? "" : ". " + String.join(" | ", why));
        return new ScaleClaim(name, gating, row.cpus(), gating ? THRESHOLD_1_TO_2 : Double.NaN, row.speedup(), passed, msg);
    }

    static List<ScaleRun> runsAt(List<ScaleRun> runs, int cpus) {
        return runs.stream().filter(r -> r.cpus() == cpus).toList();
    }

    static long medianTicks(List<ScaleRun> runs, int cpus) {
        return median(runsAt(runs, cpus).stream().filter(ScaleRun::accepted).mapToLong(ScaleRun::ticks).toArray());
    }

    /** The median; for an even count the mean of the middle two (rounded down); -1 when empty. */
    static long median(long[] values) {
        if (values.length == 0) {
            return -1;
        }
        long[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : v[mid - 1] + (v[mid] - v[mid - 1]) / 2;
    }
}
