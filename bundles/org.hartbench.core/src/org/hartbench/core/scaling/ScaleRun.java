package org.hartbench.core.scaling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.core.scaling.ConcurrencyChecks.Check;

/**
 * One judged boot of a demo.
 *
 * @param cpus         CPUs the machine had
 * @param repeat       1-based repeat number at this CPU count
 * @param result       the parsed scale-result line, or null when there was none
 * @param errors       why the result cannot be trusted (no or malformed line, wrong count or
 *                     checksum computed on the host, wrong parameters, failed exit); empty when verified
 * @param checks       the concurrency checks; empty when the backend has no trace
 * @param traced       whether the backend had a trace device
 * @param traceRecords how many trace records were kept
 * @param lostRecords  trace records lost to ring overruns
 * @param outcome      how the machine ended, in words
 * @param wallNanos    host time the whole boot took, start to exit
 * @param consoleLog   the raw console log file
 * @param traceFile    the raw trace file, or null without a trace
 */
public record ScaleRun(int cpus, int repeat, ScaleResultLine result, List<String> errors, List<Check> checks,
        boolean traced, int traceRecords, long lostRecords, String outcome, long wallNanos, Path consoleLog,
        Path traceFile) {

    /** The guest's timebase when its result line does not name one (the virt board's rdtime). */
    public static final long DEFAULT_TIMEBASE_HZ = 10_000_000L;

    public ScaleRun {
        errors = List.copyOf(errors);
        checks = List.copyOf(checks);
    }

    /** The count and checksum match the host's answer and the guest ended cleanly. */
    public boolean verified() {
        return errors.isEmpty() && result != null;
    }

    /** No concurrency check failed (checks that do not apply, or a run without trace, pass). */
    public boolean concurrent() {
        return checks.stream().noneMatch(Check::failed);
    }

    /** Verified and concurrent: the run may count towards a speedup. */
    public boolean accepted() {
        return verified() && concurrent();
    }

    /** Timed-section length in guest timebase ticks, or -1 without a result. */
    public long ticks() {
        return result == null ? -1 : result.ticks();
    }

    /** Timed-section length in seconds of the guest's time base, or NaN without a result. */
    public double seconds() {
        if (result == null) {
            return Double.NaN;
        }
        long hz = result.timebaseHz();
        return (double) result.ticks() / (hz > 0 ? hz : DEFAULT_TIMEBASE_HZ);
    }

    /** Every reason this run is not accepted, one sentence each; empty when accepted. */
    public List<String> reasons() {
        List<String> all = new ArrayList<>(errors);
        if (result == null && errors.isEmpty()) {
            all.add("no result");
        }
        for (Check c : checks) {
            if (c.failed()) {
                all.add(c.name() + " check failed: " + c.message());
            }
        }
        return all;
    }

    /** A short name for messages, e.g. "2 CPUs, run 3". */
    public String label() {
        return label(cpus, repeat);
    }

    /** The name of the run at this CPU count and repeat, before it has a result (progress, test names). */
    public static String label(int cpus, int repeat) {
        return cpus + (cpus == 1 ? " CPU" : " CPUs") + ", run " + repeat;
    }
}
