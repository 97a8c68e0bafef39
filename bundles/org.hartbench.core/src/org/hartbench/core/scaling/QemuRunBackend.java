package org.hartbench.core.scaling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the kernel on qemu-system-riscv64 (virt board, no firmware). QEMU runs several harts on
 * several host threads (MTTCG) by default for riscv64. QEMU's board has no Hartbench trace
 * device, so the kernel leaves tracing off and the run has no trace.
 */
final class QemuRunBackend implements RunBackend {

    @Override
    public RawRun run(ScaleOptions options, int cpus, String bootArgs) throws IOException, InterruptedException {
        List<String> command = List.of(options.qemuCommand(), "-machine", "virt", "-bios", "none", "-nographic", "-m",
                "256M", "-smp", Integer.toString(cpus), "-kernel", options.kernelElf().toString(), "-append", bootArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process;
        long start = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + options.qemuCommand()
                    + " (install qemu-system-misc, or use --backend emulator): " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), out), "qemu-console");
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close();
            boolean ended = process.waitFor(options.runTimeout().toMillis(), TimeUnit.MILLISECONDS);
            long wall = System.nanoTime() - start;
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            reader.join(5000);
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.UTF_8);
            }
            String outcome = ended ? "qemu exit status " + process.exitValue()
                    : "timeout: stopped after " + options.runTimeout().toSeconds() + " s";
            return new RawRun(text, List.of(), false, 0, ended && process.exitValue() == 0, outcome, wall);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0;) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // The process ended or was killed; what was read so far is the log.
        }
    }
}
