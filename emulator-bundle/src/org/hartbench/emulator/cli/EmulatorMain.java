package org.hartbench.emulator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.internal.board.VirtMachine;

/**
 * {@code hartbench emu [options] ELF}: boots an RV64 ELF on the machine with the console on
 * stdin/stdout. The process exit status is {@link ExitStatus#processExitCode()}: 0 when the guest
 * passes, its fail code, 124 for a limit, 125 for a guest error, 130 when stopped; 2 for a usage
 * error or a file that cannot be loaded (one line on stderr, no stack trace).
 */
public final class EmulatorMain {

    static final String USAGE = """
            usage: hartbench emu [options] ELF
              --smp N             number of harts, 1 to 32 (default 1)
              --mode MODE         deterministic or parallel (default deterministic)
              --mem MIB           RAM in MiB (default 256)
              --disk FILE         virtio block device backed by FILE
              --disk-ro FILE      the same, read-only
              --append ARGS       kernel command line (/chosen/bootargs)
              --max-insns N       stop after N instructions over all harts
              --timeout SECONDS   stop after this much host time
              --no-trace          leave the hartbench,trace device out of the device tree
              --stats             print instructions and MIPS per hart and in total to stderr at exit
              -h, --help          show this help
            """;

    static final int USAGE_ERROR = 2;

    private EmulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** A user mistake: reported as one line, exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    record Options(MachineConfig config, Path elf, boolean stats, boolean help) {
    }

    static Options parse(String[] args) throws UsageException {
        MachineConfig config = MachineConfig.defaults();
        Path elf = null;
        boolean stats = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(config, null, false, true);
                }
                case "--smp" -> config = config.withHarts(intValue(a, value(args, ++i, a)));
                case "--mode" -> {
                    try {
                        config = config.withMode(ExecutionMode.parse(value(args, ++i, a)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--mem" -> config = config.withRamMiB(intValue(a, value(args, ++i, a)));
                case "--disk" -> config = config.withDisk(Path.of(value(args, ++i, a)), false);
                case "--disk-ro" -> config = config.withDisk(Path.of(value(args, ++i, a)), true);
                case "--append" -> config = config.withBootArgs(value(args, ++i, a));
                case "--max-insns" -> config = config.withMaxInstructions(longValue(a, value(args, ++i, a)));
                case "--timeout" -> config = config.withTimeout(seconds(a, value(args, ++i, a)));
                case "--no-trace" -> config = config.withTrace(false);
                case "--stats" -> stats = true;
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option " + a + " (try --help)");
                    }
                    if (elf != null) {
                        throw new UsageException("more than one ELF given: " + elf + " and " + a);
                    }
                    elf = Path.of(a);
                }
            }
        }
        if (elf == null) {
            throw new UsageException("no ELF given (try --help)");
        }
        try {
            config.validate();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Options(config, elf, stats, false);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String option, String text) throws UsageException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a whole number, not '" + text + "'");
        }
    }

    private static long longValue(String option, String text) throws UsageException {
        try {
            long v = Long.parseLong(text.trim());
            if (v <= 0) {
                throw new UsageException(option + " expects a positive number, not '" + text + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a whole number, not '" + text + "'");
        }
    }

    private static Duration seconds(String option, String text) throws UsageException {
        try {
            double s = Double.parseDouble(text.trim());
            if (!(s > 0) || s > 1e9) {
                throw new UsageException(option + " expects a positive number of seconds, not '" + text + "'");
            }
            return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a number of seconds, not '" + text + "'");
        }
    }

    /** Runs the command line; returns the process exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("hartbench emu: " + e.getMessage());
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        Machine machine;
        try {
            machine = Machine.create(options.config());
        } catch (IllegalArgumentException e) {
            err.println("hartbench emu: " + e.getMessage());
            return USAGE_ERROR;
        }
        try (machine) {
            machine.addConsoleListener((b, off, len) -> {
                out.write(b, off, len);
                out.flush();
            });
            try {
                machine.load(options.elf());
            } catch (ElfFormatException | IOException e) {
                err.println("hartbench emu: " + e.getMessage());
                return USAGE_ERROR;
            }
            Thread stopOnExit = new Thread(machine::stop, "hartbench-cli-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            startConsoleInput(machine, in);
            machine.start();
            ExitStatus status = machine.awaitExit();
            machine.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook stops the machine again, harmlessly
            }
            out.flush();
            switch (status.kind()) {
                case PASS, FAIL -> {
                }
                default -> err.println("hartbench emu: " + status.message());
            }
            if (options.stats()) {
                printStats(machine, err);
            }
            return status.processExitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExitStatus(ExitStatus.Kind.STOPPED, 0, "interrupted").processExitCode();
        }
    }

    /**
     * Copies host input to the UART on a daemon thread. A blocking read of stdin cannot be
     * interrupted, so the thread is not joined; it ends at end of input or with the process.
     */
    private static void startConsoleInput(Machine machine, InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0 && machine.exitStatus().isEmpty()) {
                    byte[] chunk = new byte[n];
                    System.arraycopy(buf, 0, chunk, 0, n);
                    machine.sendConsoleInput(chunk);
                }
            } catch (IOException e) {
                // input closed: the guest simply receives nothing more
            }
        }, "hartbench-cli-stdin");
        t.setDaemon(true);
        t.start();
    }

    static void printStats(Machine machine, PrintStream err) {
        VirtMachine vm = (VirtMachine) machine;
        long[] perHart = vm.instructionsPerHart();
        double seconds = Math.max(vm.runNanos(), 1) / 1e9;
        long total = 0;
        for (int i = 0; i < perHart.length; i++) {
            total += perHart[i];
            err.println(String.format(Locale.ROOT, "hart %d: %d instructions, %.1f MIPS", i, perHart[i],
                    perHart[i] / seconds / 1e6));
        }
        err.println(String.format(Locale.ROOT, "total: %d instructions in %.3f s, %.1f MIPS", total, seconds,
                total / seconds / 1e6));
    }
}
