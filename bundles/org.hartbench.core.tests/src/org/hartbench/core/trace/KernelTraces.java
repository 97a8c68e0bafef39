package org.hartbench.core.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;

/**
 * Real kernel traces for the golden-file tests: boots the repository's kernel on the emulator in
 * deterministic mode and keeps every trace record and the console. {@link #main} regenerates the
 * stored traces under testdata/trace/ after a kernel change:
 * {@code java -cp <emulator classes>:<core classes>:<these test classes> org.hartbench.core.trace.KernelTraces <repo> <out dir>}.
 */
public final class KernelTraces {
    private KernelTraces() {
    }

    /** What one run produced. */
    public record Run(List<TraceRecord> records, String console, ExitStatus exit, long lost) {
    }

    /** The stored traces: manifest and hart count, named MANIFEST-smpN in testdata/trace/. */
    static final String[][] STORED = { { "ring", "2" }, { "thread", "2" } };

    /** Boots kernel-sources/build/kernel.elf of repo with manifest=NAME on harts harts. */
    public static Run run(Path repo, String manifest, int harts) throws Exception {
        Path elf = repo.resolve("kernel-sources/build/kernel.elf");
        if (!Files.isRegularFile(elf)) {
            throw new IllegalStateException(elf + " is missing: build the kernel first (make -C kernel-sources all)");
        }
        List<TraceRecord> records = Collections.synchronizedList(new ArrayList<>());
        long[] lost = new long[1];
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        MachineConfig config = MachineConfig.defaults().withHarts(harts).withMode(ExecutionMode.DETERMINISTIC)
                .withBootArgs("manifest=" + manifest).withTrace(true).withTimeout(Duration.ofMinutes(3));
        try (Machine m = Machine.create(config)) {
            m.addConsoleListener((b, off, len) -> {
                synchronized (console) {
                    console.write(b, off, len);
                }
            });
            m.addTraceListener(new TraceListener() {
                @Override
                public void onRecord(TraceRecord r) {
                    records.add(r);
                }

                @Override
                public void onLost(int cpu, long count) {
                    synchronized (lost) {
                        lost[0] += count;
                    }
                }
            });
            m.load(elf);
            m.start();
            Optional<ExitStatus> exit = m.awaitExit(Duration.ofMinutes(3));
            if (exit.isEmpty()) {
                throw new IllegalStateException("manifest=" + manifest + " did not finish within 3 minutes");
            }
            synchronized (console) {
                return new Run(List.copyOf(records), console.toString(StandardCharsets.UTF_8), exit.get(), lost[0]);
            }
        }
    }

    /** The checkout the tests run in: hartbench.repo, else the nearest parent holding kernel-sources/. */
    public static Path repository() {
        String property = System.getProperty("hartbench.repo");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kernel-sources"))) {
                return p;
            }
        }
        throw new IllegalStateException("no kernel-sources/ above " + Path.of("").toAbsolutePath()
                + "; set -Dhartbench.repo=<checkout>");
    }

    /** Reads a test resource of this bundle as text, e.g. "trace/ring-smp2.console.txt". */
    public static String resource(String name) throws IOException {
        try (InputStream in = KernelTraces.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IOException("test resource testdata/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads stored records, e.g. "trace/ring-smp2.records.csv". */
    public static List<TraceRecord> records(String name) throws IOException {
        try (InputStream in = KernelTraces.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IOException("test resource testdata/" + name + " is missing");
            }
            return TraceRecordCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** Regenerates the stored traces: args are the checkout and the output directory. */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (String[] s : STORED) {
            Run run = run(repo, s[0], Integer.parseInt(s[1]));
            String base = s[0] + "-smp" + s[1];
            try (Writer w = Files.newBufferedWriter(out.resolve(base + ".records.csv"))) {
                TraceRecordCsv.write(run.records(), w);
            }
            Files.writeString(out.resolve(base + ".console.txt"), run.console());
            System.out.println(base + ": " + run.records().size() + " records, " + run.lost() + " lost, " + run.exit());
        }
    }
}
