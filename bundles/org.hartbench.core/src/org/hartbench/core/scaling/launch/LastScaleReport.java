package org.hartbench.core.scaling.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hartbench.core.scaling.ScaleReport;

/**
 * The most recent scaling report of this workbench, for the Scaling Chart view. The scaling job
 * sets it when a session finishes; listeners are called on that job's thread (a view must move to
 * its UI thread itself).
 */
public final class LastScaleReport {
    private LastScaleReport() {
    }

    private static volatile ScaleReport last;
    private static final List<Consumer<ScaleReport>> LISTENERS = new CopyOnWriteArrayList<>();

    /** One point of the chart: the median speedup at a CPU count, against the ideal (= cpus). */
    public record Point(int cpus, double speedup, double ideal) {
    }

    public static Optional<ScaleReport> get() {
        return Optional.ofNullable(last);
    }

    public static void set(ScaleReport report) {
        last = report;
        for (Consumer<ScaleReport> l : LISTENERS) {
            l.accept(report);
        }
    }

    /** Calls the listener with every report set from now on; returns what to run to remove it. */
    public static Runnable addListener(Consumer<ScaleReport> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * The chart's points: one per CPU count with a measured speedup, in the report's order (1 CPU
     * is 1.0 by definition when it has accepted runs). CPU counts without accepted runs have no
     * speedup and are left out rather than drawn as zero.
     */
    public static List<Point> points(ScaleReport report) {
        List<Point> points = new ArrayList<>();
        for (ScaleReport.Row row : report.rows()) {
            if (!Double.isNaN(row.speedup())) {
                points.add(new Point(row.cpus(), row.speedup(), row.cpus()));
            }
        }
        return points;
    }
}
