package org.hartbench.emulator.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs qemu-system-riscv64's virt board the way Hartbench's differential tests compare against it:
 * {@code -machine virt -bios none -nographic -smp N -m MiB -kernel ELF}, console captured, with a
 * host-time limit. The binary is taken from the system property {@code hartbench.qemu} or the PATH;
 * tests call {@link #available()} in a JUnit assumption and are skipped without it.
 */
public final class QemuRunner {
    private QemuRunner() {
    }

    public static final String BINARY = "qemu-system-riscv64";

    /**
     * How a run ended.
     *
     * @param exitCode QEMU's exit status (the finisher: 0 for pass, the code for fail), -1 on timeout
     * @param console  everything the guest wrote to the UART
     * @param stderr   QEMU's own messages
     * @param timedOut the time limit ended the run
     */
    public record Result(int exitCode, String console, String stderr, boolean timedOut) {
    }

    /** The qemu-system-riscv64 to use, or null when there is none. */
    public static Path binary() {
        String configured = System.getProperty("hartbench.qemu");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, BINARY);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public static boolean available() {
        return binary() != null;
    }

    /** Boots an ELF with -bios none, as Hartbench's machine does, and waits for it to end. */
    public static Result run(Path elf, int harts, int memMiB, Duration timeout, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "-machine", "virt", "-bios", "none",
                "-nographic", "-smp", Integer.toString(harts), "-m", Integer.toString(memMiB), "-kernel",
                elf.toString()));
        cmd.addAll(extraArgs);
        return exec(cmd, timeout);
    }

    /**
     * The arguments that attach a raw disk image as the virtio-mmio block device at 0x1000_1000,
     * modern (version 2) transport. QEMU fills its transports from the highest address down
     * unless told otherwise: virtio-mmio-bus.0 is the one at 0x1000_1000.
     */
    public static List<String> diskArgs(Path image, boolean readOnly) {
        return List.of("-global", "virtio-mmio.force-legacy=false", "-drive",
                "file=" + image + ",if=none,format=raw,id=hd0" + (readOnly ? ",readonly=on" : ""), "-device",
                "virtio-blk-device,drive=hd0,bus=virtio-mmio-bus.0");
    }

    /** QEMU's own device tree for the virt board, via -machine virt,dumpdtb=FILE. */
    public static byte[] dumpDtb(int harts, int memMiB, String append, Path workDir) throws IOException {
        Path out = workDir.resolve("qemu-virt.dtb");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "-machine", "virt,dumpdtb=" + out, "-bios",
                "none", "-nographic", "-smp", Integer.toString(harts), "-m", Integer.toString(memMiB)));
        if (append != null) {
            // -append needs a kernel; a one-word file is enough because QEMU exits after dumping
            Path dummy = workDir.resolve("dummy-kernel.bin");
            Files.write(dummy, new byte[] { 0x73, 0x00, 0x50, 0x10 }); // wfi
            cmd.addAll(List.of("-kernel", dummy.toString(), "-append", append));
        }
        Result r = exec(cmd, Duration.ofSeconds(30));
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw new IOException("QEMU did not dump its device tree: " + r.stderr());
        }
        return Files.readAllBytes(out);
    }

    private static Result exec(List<String> cmd, Duration timeout) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor();
            }
            o.join();
            e.join();
            return new Result(finished ? p.exitValue() : -1, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), !finished);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while QEMU ran", e);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process died; what was read is all there is
            }
        });
    }
}
