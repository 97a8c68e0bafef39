package org.hartbench.core.scaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hartbench.core.scaling.ConcurrencyChecks.Check;
import org.hartbench.core.scaling.PrimeReference.Answer;

/**
 * Runs a scaling demo at each CPU count of the options, several times, judges every run and
 * writes the artifacts. Headless: no Eclipse classes, usable from a plain {@code java -cp}.
 * <p>
 * For every run the harness keeps the raw console log and (emulator only) the trace under
 * {@code outDir/cpus-N/run-R/}, parses the scale-result line, and rejects the run unless count
 * and checksum equal the host's own answer ({@link PrimeReference}), the parameters are the ones
 * asked for, and the guest passed. It then applies {@link ConcurrencyChecks} and finally writes
 * {@code summary.json}, {@code TEST-scale-DEMO.xml} (JUnit) and {@code table.txt}.
 * <p>
 * Repeats run round by round (1, 2, 4 CPUs, then 1, 2, 4 again, ...) rather than all repeats of
 * one CPU count together, so that a slow phase of a shared host does not land on one CPU count.
 */
public final class ScaleHarness {

    /** The demos' own defaults (docs/kernel/scaling.md). */
    public static final long DEFAULT_LO = 2;
    public static final long DEFAULT_HI = 2_000_000;
    public static final int MAX_WORKERS = 64;

    private final ScaleOptions options;
    private final RunBackend backend;
    private final List<ScaleListener> listeners = new ArrayList<>();

    public ScaleHarness(ScaleOptions options) {
        this(options, RunBackend.of(options.backend()));
    }

    ScaleHarness(ScaleOptions options, RunBackend backend) {
        this.options = options.validate();
        this.backend = backend;
    }

    public void addListener(ScaleListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs the whole session. Interrupting the calling thread stops the machine that is running
     * and ends the session with InterruptedException.
     *
     * @throws IOException when the output directory cannot be written or a backend cannot start
     */
    public ScaleReport run() throws IOException, InterruptedException {
        Map<String, String> args = bootArgs(options.extraArgs());
        long lo = number(args, "lo", DEFAULT_LO);
        long hi = number(args, "hi", DEFAULT_HI);
        Answer expected = PrimeReference.compute(lo, hi);
        Files.createDirectories(options.outDir());
        int total = options.cpus().size() * options.repeats();
        listeners.forEach(l -> l.sessionStarted(options, total));
        List<ScaleRun> runs = new ArrayList<>();
        int index = 0;
        for (int repeat = 1; repeat <= options.repeats(); repeat++) {
            for (int cpus : options.cpus()) {
                int i = index++;
                int rep = repeat;
                listeners.forEach(l -> l.runStarted(i, cpus, rep));
                int workers = (int) Math.max(1, Math.min(MAX_WORKERS, number(args, "workers", cpus)));
                ScaleRun run = runOnce(cpus, repeat, lo, hi, workers, expected);
                runs.add(run);
                listeners.forEach(l -> l.runFinished(i, run));
            }
        }
        ScaleReport report = ScaleReport.of(options, runs);
        for (ScaleClaim c : report.claims()) {
            listeners.forEach(l -> l.claimEvaluated(c));
        }
        ReportWriters.writeAll(report, options.outDir());
        listeners.forEach(l -> l.sessionFinished(report));
        return report;
    }

    private ScaleRun runOnce(int cpus, int repeat, long lo, long hi, int workers, Answer expected)
            throws IOException, InterruptedException {
        Path dir = options.outDir().resolve("cpus-" + cpus).resolve("run-" + repeat);
        Files.createDirectories(dir);
        String bootArgs = ("manifest=" + options.demo().manifest + " " + options.extraArgs()).trim();
        RawRun raw = backend.run(options, cpus, bootArgs);
        Path log = dir.resolve("console.log");
        Files.writeString(log, raw.console(), StandardCharsets.UTF_8);
        Path traceFile = null;
        if (raw.traced()) {
            traceFile = dir.resolve("trace.bin");
            TraceFile.write(traceFile, raw.trace());
        }
        List<String> errors = new ArrayList<>();
        ScaleResultLine line = null;
        try {
            line = ScaleResultLine.find(raw.console()).orElse(null);
            if (line == null) {
                errors.add("no scale-result line in the console log (" + raw.outcome() + demoComplaint(raw.console())
                        + ")");
            }
        } catch (IllegalArgumentException e) {
            errors.add("malformed result: " + e.getMessage());
        }
        if (line != null) {
            verify(line, cpus, lo, hi, workers, expected, errors);
        }
        if (!raw.guestPassed()) {
            errors.add("the guest did not pass (" + raw.outcome() + ")");
        }
        List<Check> checks = List.of();
        if (raw.traced() && line != null) {
            checks = ConcurrencyChecks.all(options.demo(), raw.trace(), raw.lostRecords(), line.t0(), line.t1(), cpus,
                    line.workers());
        }
        return new ScaleRun(cpus, repeat, line, errors, checks, raw.traced(), raw.trace().size(), raw.lostRecords(),
                raw.outcome(), raw.wallNanos(), log, traceFile);
    }

    /** The demo's last own line (e.g. "thread-scale: thread_create failed (-12)"), which says why it stopped. */
    private String demoComplaint(String console) {
        String prefix = options.demo().manifest + ":";
        String last = null;
        for (String line : console.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                last = line.trim();
            }
        }
        return last == null ? "" : "; the demo said: " + last;
    }

    /** Compares a result line with what was asked for and with the host's own answer. */
    static void verify(ScaleResultLine line, int cpus, long lo, long hi, int workers, Answer expected,
            List<String> errors) {
        if (line.cpus() != cpus) {
            errors.add("the guest saw " + line.cpus() + " CPUs, not " + cpus);
        }
        if (line.workers() != workers) {
            errors.add("the guest ran " + line.workers() + " workers, not " + workers);
        }
        if (line.lo() != lo || line.hi() != hi) {
            errors.add("the guest counted [" + line.lo() + ", " + line.hi() + "), not [" + lo + ", " + hi + ")");
        }
        if (line.count() != expected.count() || line.checksum() != expected.checksum()) {
            errors.add(String.format("wrong answer: count=%d checksum=0x%016x, the host computes count=%d checksum=%s",
                    line.count(), line.checksum(), expected.count(), expected.checksumHex()));
        }
        if (!"ok".equals(line.verdict())) {
            errors.add("the guest's own verdict is " + line.verdict());
        }
    }

    /**
     * Parses boot arguments as the harness reads them ({@code key=value} words); the launch
     * validator uses it too, so both accept the same text.
     *
     * @throws IllegalArgumentException for a word without '='
     */
    public static Map<String, String> bootArgs(String text) {
        Map<String, String> map = new TreeMap<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("boot argument '" + word + "' is not key=value");
            }
            map.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return map;
    }

    private static long number(Map<String, String> args, String key, long dflt) {
        String v = args.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("boot argument " + key + "=" + v + " is not a non-negative number");
        }
    }
}
