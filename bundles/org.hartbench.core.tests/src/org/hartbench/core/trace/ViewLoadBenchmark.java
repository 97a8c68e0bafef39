package org.hartbench.core.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;

/**
 * Measures what the CPUs and Ring Trace views cost the emulator (docs/benchmarks.md). Alternates
 * runs of a manifest in parallel mode without any trace listener and with both models attached
 * plus a reader doing, ten times a second, what the two views do per refresh: a CPU snapshot with
 * live hart state, the store's count, a selection over all events and the rows a screen shows.
 * Prints each run's wall time and the medians. Not a test: timings on a shared machine vary.
 *
 * <pre>java -cp &lt;emulator classes&gt;:&lt;core classes&gt;:&lt;these test classes&gt; \
 *     org.hartbench.core.trace.ViewLoadBenchmark REPO MANIFEST HARTS RUNS [BOOTARGS...]</pre>
 */
public final class ViewLoadBenchmark {
    private ViewLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path elf = Path.of(args[0]).resolve("kernel-sources/build/kernel.elf");
        String manifest = args[1];
        int harts = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        String extra = args.length > 4 ? " " + String.join(" ", List.of(args).subList(4, args.length)) : "";
        List<Double> plain = new ArrayList<>();
        List<Double> viewed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plain.add(run(elf, manifest + extra, harts, false));
            viewed.add(run(elf, manifest + extra, harts, true));
        }
        double a = median(plain);
        double b = median(viewed);
        System.out.printf(Locale.ROOT, "median without views %.3f s, with both views' load %.3f s: %+.1f %%%n", a, b,
                (b - a) / a * 100);
    }

    private static double run(Path elf, String bootArgs, int harts, boolean views) throws Exception {
        MachineConfig config = MachineConfig.defaults().withHarts(harts).withMode(ExecutionMode.PARALLEL)
                .withBootArgs("manifest=" + bootArgs).withTrace(true).withTimeout(Duration.ofMinutes(10));
        try (Machine m = Machine.create(config)) {
            m.load(elf);
            TraceSession session = views ? TraceSessions.open("benchmark", m) : null;
            Thread reader = null;
            long[] reads = { 0 };
            if (views) {
                reader = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        session.cpus().snapshot(session.machine());
                        session.rings().captured();
                        RingEventStore.Selection sel = session.rings().select(RingFilter.ALL);
                        for (int k = Math.max(0, sel.size() - 40); k < sel.size(); k++) {
                            session.rings().get(sel.seqs()[k]);
                        }
                        reads[0]++;
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            long t0 = System.nanoTime();
            m.start();
            ExitStatus status = m.awaitExit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long instret = 0;
            for (int h = 0; h < harts; h++) {
                instret += m.inspector().snapshot(h).instret();
            }
            if (reader != null) {
                reader.interrupt();
                reader.join();
                session.close();
            }
            System.out.printf(Locale.ROOT, "%-13s %6.3f s  %8.1f MIPS  %s%s%n", views ? "with views" : "without",
                    seconds, instret / seconds / 1e6, status.kind(),
                    views ? "  (" + reads[0] + " refreshes, " + session.rings().size() + " ring events)" : "");
            return seconds;
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
