package org.hartbench.ui.tests.views;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.hartbench.ui.tests.views.ViewCostBenchmark.Variant;

/** The figures of {@link ViewCostBenchmark}'s runs and the table it prints: medians with ranges. */
final class ViewCostRun {
    private ViewCostRun() {
    }

    /**
     * One measured run.
     *
     * @param wallSeconds    from the launch to the machine's end
     * @param sectionSeconds the demo's timed section (guest rdtime, which follows the host clock
     *                       in parallel mode), NaN when the manifest prints no scale-result line
     * @param uiCpuSeconds   CPU time the UI thread used during the run (refreshes, painting)
     * @param xCpuSeconds    CPU time the X server (Xvfb) used during the run, NaN if not found
     * @param instret        instructions retired, summed over the harts
     * @param ringEvents     ring events the session's store captured
     * @param rows           rows the Ring Trace view listed at the end, -1 with the views closed
     * @param timelinePaints paint events of the CPUs view's timeline during the run
     * @param tablePaints    paint events of the Ring Trace view's table during the run, -1 closed
     * @param lost           trace records the machine dropped
     * @param answer         what the guest computed (count and checksum), the same in every run
     */
    record Result(Variant variant, int repeat, double wallSeconds, double sectionSeconds, double uiCpuSeconds,
            double xCpuSeconds, long instret,
            long ringEvents, int rows, int timelinePaints, int tablePaints, long lost, String answer) {

        /** Guest instructions (all harts) per second of wall-clock time, in millions. */
        double mips() {
            return instret / wallSeconds / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT,
                    "repeat %d, %-15s wall %.3f s, timed section %.3f s, UI thread %.3f s CPU, "
                            + "X server %.3f s CPU, %.1f guest MIPS, %d ring events, %d rows, "
                            + "%d timeline paints, %d table paints, %d records lost",
                    repeat, variant.label, wallSeconds, sectionSeconds, uiCpuSeconds, xCpuSeconds, mips(), ringEvents,
                    rows, timelinePaints, tablePaints, lost);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double[] of(List<Result> runs, Variant variant, ToDoubleFunction<Result> figure) {
        return runs.stream().filter(r -> r.variant() == variant).mapToDouble(figure).toArray();
    }

    private static String cell(double[] v, String format) {
        if (v.length == 0 || Double.isNaN(v[0])) {
            return "-";
        }
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(v),
                Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
    }

    /** The whole report: what ran, one row per figure, the change and the verdict on the 10 % goal. */
    static String table(List<Result> runs, int harts, String manifest, String bootArgs, String loadAverage) {
        StringBuilder b = new StringBuilder();
        int pairs = (int) runs.stream().filter(r -> r.variant() == Variant.VIEWS_OPEN).count();
        b.append(String.format(Locale.ROOT,
                "View cost, %s UTC: manifest=%s %s, %d harts, parallel mode, trace on; runs per variant: %d, "
                        + "alternating; load average %s at the end, %d host CPUs%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), manifest, bootArgs, harts, pairs, loadAverage,
                Runtime.getRuntime().availableProcessors()));
        b.append(String.format(Locale.ROOT, "| %-30s | %-26s | %-26s | %-8s |%n", "median (range)",
                Variant.VIEWS_CLOSED.label, Variant.VIEWS_OPEN.label, "change"));
        b.append("|" + "-".repeat(32) + "|" + "-".repeat(28) + "|" + "-".repeat(28) + "|" + "-".repeat(10) + "|\n");
        row(b, runs, "wall time, launch to end (s)", Result::wallSeconds, "%.3f");
        row(b, runs, "timed section (s)", Result::sectionSeconds, "%.3f");
        row(b, runs, "guest MIPS, all harts", Result::mips, "%.1f");
        row(b, runs, "UI thread CPU time (s)", Result::uiCpuSeconds, "%.3f");
        row(b, runs, "X server CPU time (s)", Result::xCpuSeconds, "%.3f");
        row(b, runs, "ring events captured", r -> r.ringEvents(), "%.0f");
        row(b, runs, "Ring Trace rows shown", r -> r.rows(), "%.0f");
        row(b, runs, "CPUs timeline paints", r -> r.timelinePaints(), "%.0f");
        row(b, runs, "Ring Trace table paints", r -> r.tablePaints(), "%.0f");
        // The work is fixed, so throughput is the inverse of wall time; guest MIPS agree unless the
        // idle harts' loops retire a different number of instructions.
        double closedWall = median(of(runs, Variant.VIEWS_CLOSED, Result::wallSeconds));
        double openWall = median(of(runs, Variant.VIEWS_OPEN, Result::wallSeconds));
        double loss = (1 - closedWall / openWall) * 100;
        b.append(String.format(Locale.ROOT, "%nThroughput lost with both views open (1 / median wall time): %.1f %%"
                + " (negative: faster with the views open); goal: less than 10 %%%n", loss));
        // Each repeat ran both variants back to back: their ratio cancels slow drifts of the host.
        double[] pairLoss = runs.stream().filter(r -> r.variant() == Variant.VIEWS_OPEN).mapToDouble(open -> {
            Result closed = runs.stream()
                    .filter(r -> r.variant() == Variant.VIEWS_CLOSED && r.repeat() == open.repeat()).findFirst()
                    .orElseThrow();
            return (1 - closed.wallSeconds() / open.wallSeconds()) * 100;
        }).toArray();
        b.append(String.format(Locale.ROOT, "The same within each repeat's pair of runs: median %s %%%n",
                cell(pairLoss, "%.1f")));
        // A figure the host's noise hardly touches: the CPU time the views add (UI thread and X
        // server), as a share of what the host's CPUs could give in the open runs' median wall time.
        double added = median(of(runs, Variant.VIEWS_OPEN, Result::uiCpuSeconds))
                - median(of(runs, Variant.VIEWS_CLOSED, Result::uiCpuSeconds));
        double addedX = median(of(runs, Variant.VIEWS_OPEN, Result::xCpuSeconds))
                - median(of(runs, Variant.VIEWS_CLOSED, Result::xCpuSeconds));
        double total = added + (Double.isNaN(addedX) ? 0 : addedX);
        int cpus = Runtime.getRuntime().availableProcessors();
        b.append(String.format(Locale.ROOT, "CPU time the views add per run: %.3f s (UI thread %.3f s, X server %s),"
                + " %.1f %% of %d CPUs over %.3f s%n", total, added,
                Double.isNaN(addedX) ? "not seen" : String.format(Locale.ROOT, "%.3f s", addedX),
                total / (cpus * openWall) * 100, cpus, openWall));
        return b.toString();
    }

    private static void row(StringBuilder b, List<Result> runs, String name, ToDoubleFunction<Result> figure,
            String format) {
        double[] closed = of(runs, Variant.VIEWS_CLOSED, figure);
        double[] open = of(runs, Variant.VIEWS_OPEN, figure);
        String change = "";
        boolean measured = !format.equals("%.0f") && closed.length > 0 && !Double.isNaN(closed[0]);
        if (measured && name.contains("CPU time")) {
            // CPU time the views add, in seconds: a relative change of a near-zero figure says nothing.
            change = String.format(Locale.ROOT, "%+.3f s", median(open) - median(closed));
        } else if (measured) {
            change = String.format(Locale.ROOT, "%+.1f %%", (median(open) / median(closed) - 1) * 100);
        }
        String closedCell = closed.length > 0 && closed[0] < 0 ? "-" : cell(closed, format);
        b.append(String.format(Locale.ROOT, "| %-30s | %-26s | %-26s | %-8s |%n", name, closedCell,
                cell(open, format), change));
    }
}
