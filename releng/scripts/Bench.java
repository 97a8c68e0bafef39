// The emulator benchmark behind `./hartbench bench`: a CPU-bound bare-metal guest with 1 and 2
// harts on Hartbench's parallel mode and on qemu-system-riscv64, interleaved in one session so
// both see the same host load. Prints medians (with ranges) of wall time and guest MIPS per hart,
// the 1 -> 2 hart wall-clock speedup of each, and Hartbench's speed as a fraction of QEMU's.
//
// usage: java Bench.java EMULATOR-JAR GUEST-ELF [REPEATS]
//
// Guest MIPS: Hartbench counts retired instructions itself (--stats) and divides by its run time.
// QEMU cannot count instructions without -icount (which hangs with several harts), so its figure
// divides Hartbench's instruction count for the same ELF and hart count (the guest does the same
// work on both; a differential test checks the console output matches) by QEMU's process wall
// time, start-up included. That favours Hartbench slightly, never QEMU.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static final int[] HARTS = { 1, 2 };
    static final Pattern HART_LINE = Pattern.compile("^hart (\\d+): (\\d+) instructions, ([0-9.]+) MIPS$",
            Pattern.MULTILINE);
    static final Pattern TOTAL_LINE = Pattern.compile("^total: (\\d+) instructions in ([0-9.]+) s",
            Pattern.MULTILINE);
    static final long RUN_TIMEOUT_SECONDS = 600;

    /** One run's outcome: wall seconds and instructions per hart (instructions are 0 for QEMU). */
    record Run(double seconds, long[] instructions) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java Bench.java EMULATOR-JAR GUEST-ELF [REPEATS]");
            System.exit(2);
        }
        String jar = args[0];
        String elf = args[1];
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<List<Run>> emu = new ArrayList<>();
        List<List<Double>> qemu = new ArrayList<>();
        for (int h = 0; h < HARTS.length; h++) {
            emu.add(new ArrayList<>());
            qemu.add(new ArrayList<>());
        }
        for (int r = 1; r <= repeats; r++) {
            for (int h = 0; h < HARTS.length; h++) {
                int n = HARTS[h];
                Run e = emulator(java, jar, elf, n);
                double q = qemu(elf, n);
                emu.get(h).add(e);
                qemu.get(h).add(q);
                System.err.printf(Locale.ROOT, "run %d/%d, %d hart(s): hartbench %.2f s, qemu %.2f s%n", r, repeats,
                        n, e.seconds(), q);
            }
        }

        System.out.printf(Locale.ROOT, "%nCPU-bound guest %s, %d runs per row, medians [min-max]%n", elf, repeats);
        System.out.printf(Locale.ROOT, "%-22s %5s %22s %18s %11s%n", "machine", "harts", "wall s", "MIPS per hart",
                "total MIPS");
        double[] emuWall = new double[HARTS.length];
        double[] qemuWall = new double[HARTS.length];
        double[] emuMips = new double[HARTS.length];
        double[] qemuMips = new double[HARTS.length];
        for (int h = 0; h < HARTS.length; h++) {
            int n = HARTS[h];
            double[] walls = emu.get(h).stream().mapToDouble(Run::seconds).toArray();
            double[] perHart = emu.get(h).stream().mapToDouble(run -> mean(run.instructions()) / run.seconds() / 1e6)
                    .toArray();
            double insns = median(emu.get(h).stream().mapToDouble(run -> mean(run.instructions())).toArray());
            double[] qWalls = qemu.get(h).stream().mapToDouble(Double::doubleValue).toArray();
            double[] qPerHart = Arrays.stream(qWalls).map(s -> insns / s / 1e6).toArray();
            emuWall[h] = median(walls);
            qemuWall[h] = median(qWalls);
            emuMips[h] = median(perHart);
            qemuMips[h] = median(qPerHart);
            row("Hartbench, parallel", n, walls, perHart);
            row("QEMU, TCG", n, qWalls, qPerHart);
        }
        // Each hart does the same work, so n harts do n times the work of one.
        System.out.printf(Locale.ROOT, "%nwall-clock speedup 1 -> 2 harts (2 x t1 / t2): Hartbench %.2fx, QEMU %.2fx%n",
                2 * emuWall[0] / emuWall[1], 2 * qemuWall[0] / qemuWall[1]);
        System.out.printf(Locale.ROOT, "Hartbench / QEMU guest MIPS per hart: %.3f (1 hart), %.3f (2 harts)%n",
                emuMips[0] / qemuMips[0], emuMips[1] / qemuMips[1]);
    }

    static void row(String machine, int harts, double[] walls, double[] mipsPerHart) {
        System.out.printf(Locale.ROOT, "%-22s %5d %22s %18s %11.1f%n", machine, harts, spread(walls, "%.2f"),
                spread(mipsPerHart, "%.1f"), median(mipsPerHart) * harts);
    }

    static Run emulator(String java, String jar, String elf, int harts) throws IOException, InterruptedException {
        String err = run(List.of(java, "-cp", jar, "org.hartbench.emulator.cli.EmulatorMain", "--stats", "--mode",
                "parallel", "--smp", Integer.toString(harts), elf), true);
        long[] insns = new long[harts];
        Matcher m = HART_LINE.matcher(err);
        int found = 0;
        while (m.find()) {
            insns[Integer.parseInt(m.group(1))] = Long.parseLong(m.group(2));
            found++;
        }
        Matcher t = TOTAL_LINE.matcher(err);
        if (found != harts || !t.find()) {
            throw new IllegalStateException("no --stats lines in the emulator's output:\n" + err);
        }
        return new Run(Double.parseDouble(t.group(2)), insns);
    }

    static double qemu(String elf, int harts) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(List.of("qemu-system-riscv64", "-machine", "virt", "-bios", "none", "-nographic", "-m", "256M", "-smp",
                Integer.toString(harts), "-kernel", elf), false);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs a command to completion; returns stderr (or stdout) and fails on a non-zero exit. */
    static String run(List<String> command, boolean wantStderr) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            if (wantStderr) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(out.toFile());
            } else {
                pb.redirectErrorStream(true).redirectOutput(out.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + RUN_TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit status " + p.exitValue() + " from " + command + "\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static String spread(double[] values, String format) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), min, max);
    }
}
