package org.hartbench.core.scaling.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.hartbench.core.scaling.ReportWriters;
import org.hartbench.core.scaling.ScaleBackend;
import org.hartbench.core.scaling.ScaleClaim;
import org.hartbench.core.scaling.ScaleListener;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.core.scaling.ScaleReport;
import org.hartbench.core.scaling.ScaleRun;

/**
 * One harness session as a test run: turns the harness's callbacks into {@link ScaleTestEvent}s
 * and keeps them, so that a test-run view that attaches late (the platform creates its session
 * only once the launch has a process) still sees the whole run from the start.
 *
 * <p>The tree: one suite per demo (the session runs one demo), holding a "runs" suite with one
 * test case per boot (so the view's progress bar moves while the harness works, and a rejected
 * run fails with its reasons) and then one test case per claim, in the report's order: "results
 * verified", the gating 1→2 claim, and the diagnostics (which always pass). A claim's display
 * name carries its measured figure; a failed claim's trace holds the claim's message, the
 * artifact directory and the per-run table.
 *
 * <p>Thread-safe: the harness calls it on its job's thread; subscribers are called under this
 * object's lock, in order.
 */
public final class ScaleTestRun implements ScaleListener {

    /** Id of the "runs" suite. */
    public static final String RUNS_SUITE_ID = "runs";
    /** Id of the test case that reports a harness failure. */
    public static final String ERROR_CASE_ID = "error";

    private final List<ScaleTestEvent> events = new ArrayList<>();
    private final List<Consumer<ScaleTestEvent>> subscribers = new ArrayList<>();
    private ScaleOptions options;
    private String demoSuiteId;
    private long startNanos = System.nanoTime();
    private boolean finished;
    private ScaleReport report;

    /**
     * Delivers every event so far to the subscriber, then each new one as it happens.
     *
     * @return what to run to unsubscribe
     */
    public synchronized Runnable subscribe(Consumer<ScaleTestEvent> subscriber) {
        for (ScaleTestEvent e : events) {
            subscriber.accept(e);
        }
        subscribers.add(subscriber);
        return () -> unsubscribe(subscriber);
    }

    private synchronized void unsubscribe(Consumer<ScaleTestEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Every event so far, in order. */
    public synchronized List<ScaleTestEvent> events() {
        return List.copyOf(events);
    }

    /** Whether the session has ended or been aborted. */
    public synchronized boolean isFinished() {
        return finished;
    }

    /** The session's report, once it has finished normally. */
    public synchronized Optional<ScaleReport> report() {
        return Optional.ofNullable(report);
    }

    private synchronized void emit(ScaleTestEvent event) {
        if (finished) {
            return;
        }
        events.add(event);
        if (event instanceof ScaleTestEvent.SessionEnded || event instanceof ScaleTestEvent.SessionAborted) {
            finished = true;
        }
        for (Consumer<ScaleTestEvent> s : List.copyOf(subscribers)) {
            s.accept(event);
        }
    }

    /** The id of a run's test case. */
    public static String runId(int cpus, int repeat) {
        return "run:" + cpus + ":" + repeat;
    }

    /** The id of the claim at this position of the report's claims. */
    public static String claimId(int index) {
        return "claim:" + index;
    }

    /** The demo suite's name, e.g. "process-scale (emulator, deterministic, virtual time)". */
    public static String suiteName(ScaleOptions o) {
        String how = o.backend().label() + ", "
                + (o.backend() == ScaleBackend.QEMU ? "MTTCG"
                        : o.mode().name().toLowerCase(Locale.ROOT))
                + ", " + o.timeBase();
        return o.demo().manifest + " (" + how + ")";
    }

    @Override
    public synchronized void sessionStarted(ScaleOptions o, int totalRuns) {
        options = o;
        startNanos = System.nanoTime();
        demoSuiteId = "suite:" + o.demo().manifest;
        // Claims: "results verified" plus one per CPU count above 1, as ScaleReport makes them.
        int claims = 1 + (int) o.cpus().stream().filter(c -> c > 1).count();
        emit(new ScaleTestEvent.SessionStarted(totalRuns + claims));
        emit(new ScaleTestEvent.SuiteAdded(demoSuiteId, suiteName(o), null, totalRuns + claims));
        emit(new ScaleTestEvent.SuiteAdded(RUNS_SUITE_ID, "runs", demoSuiteId, totalRuns));
    }

    @Override
    public void runStarted(int index, int cpus, int repeat) {
        String id = runId(cpus, repeat);
        String label = ScaleRun.label(cpus, repeat);
        emit(new ScaleTestEvent.CaseAdded(id, label, RUNS_SUITE_ID, label));
        emit(new ScaleTestEvent.CaseStarted(id));
    }

    @Override
    public void runFinished(int index, ScaleRun run) {
        String id = runId(run.cpus(), run.repeat());
        if (!run.accepted()) {
            emit(new ScaleTestEvent.CaseFailed(id, false, runTrace(run)));
        }
        emit(new ScaleTestEvent.CaseEnded(id));
    }

    @Override
    public synchronized void sessionFinished(ScaleReport r) {
        report = r;
        List<ScaleClaim> claims = r.claims();
        for (int i = 0; i < claims.size(); i++) {
            ScaleClaim c = claims.get(i);
            String id = claimId(i);
            emit(new ScaleTestEvent.CaseAdded(id, c.name(), demoSuiteId, c.name() + ": " + figure(c, r)));
            emit(new ScaleTestEvent.CaseStarted(id));
            if (!c.passed()) {
                emit(new ScaleTestEvent.CaseFailed(id, false, claimTrace(c, r)));
            }
            emit(new ScaleTestEvent.CaseEnded(id));
        }
        emit(new ScaleTestEvent.SessionEnded(elapsed()));
    }

    /**
     * Ends the session early: cancelled (cause null or an InterruptedException), or the harness
     * failed, which shows as an error test case with the reason so the view says why.
     */
    public synchronized void aborted(Throwable cause) {
        if (finished) {
            return;
        }
        if (options == null) {
            // The harness stopped before it started (e.g. the output directory could not be made).
            emit(new ScaleTestEvent.SessionStarted(1));
        }
        boolean cancelled = cause == null || cause instanceof InterruptedException;
        String reason = cancelled ? "cancelled" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (!cancelled) {
            emit(new ScaleTestEvent.CaseAdded(ERROR_CASE_ID, "scaling session", demoSuiteId, "scaling session failed"));
            emit(new ScaleTestEvent.CaseStarted(ERROR_CASE_ID));
            emit(new ScaleTestEvent.CaseFailed(ERROR_CASE_ID, true, reason));
            emit(new ScaleTestEvent.CaseEnded(ERROR_CASE_ID));
        }
        emit(new ScaleTestEvent.SessionAborted(elapsed(), reason));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What a claim's label adds: the median speedup, or how many runs were verified. */
    static String figure(ScaleClaim c, ScaleReport r) {
        if (c.cpus() == 0) {
            long verified = r.runs().stream().filter(ScaleRun::verified).count();
            return verified + " of " + r.runs().size() + " runs verified";
        }
        return Double.isNaN(c.speedup()) ? "no speedup measured" : String.format(Locale.ROOT, "%.3fx", c.speedup());
    }

    static String claimTrace(ScaleClaim c, ScaleReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.name()).append(" failed\n").append(c.message()).append("\n\n");
        sb.append("Artifacts: ").append(r.options().outDir()).append('\n');
        sb.append("  ").append(ReportWriters.TABLE_TXT).append(", ").append(ReportWriters.SUMMARY_JSON).append(", ")
                .append(ReportWriters.junitFileName(r.options().demo()))
                .append("; per run cpus-N/run-R/console.log (and trace.bin on the emulator)\n\n");
        sb.append(ReportWriters.table(r));
        return sb.toString();
    }

    static String runTrace(ScaleRun run) {
        StringBuilder sb = new StringBuilder();
        sb.append(run.label()).append(" rejected\n");
        for (String reason : run.reasons()) {
            sb.append("  ").append(reason).append('\n');
        }
        sb.append("Console log: ").append(run.consoleLog()).append('\n');
        if (run.traceFile() != null) {
            sb.append("Trace: ").append(run.traceFile()).append('\n');
        }
        return sb.toString();
    }
}
