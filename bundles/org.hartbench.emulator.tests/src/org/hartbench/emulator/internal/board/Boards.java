package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.testsupport.Asm;

/** Builds small machines from {@link Asm} programs for the board tests. */
final class Boards {
    private Boards() {
    }

    static final long RAM = 0x8000_0000L;
    static final long FINISHER = 0x10_0000L;
    static final long CLINT = 0x200_0000L;
    static final long MTIMECMP = CLINT + 0x4000;
    static final long MTIME = CLINT + 0xBFF8;
    static final long UART = 0x1000_0000L;

    static MachineConfig config(int harts, ExecutionMode mode) {
        return MachineConfig.defaults().withHarts(harts).withMode(mode).withRamMiB(32).withTrace(false)
                .withTimeout(Duration.ofSeconds(60));
    }

    static Asm program() {
        return new Asm(RAM);
    }

    /** Ends the machine: finisher pass. Clobbers t5, t6. */
    static Asm pass(Asm a) {
        return a.li(T5, FINISHER).li(T6, 0x5555).sw(T6, T5, 0).spin();
    }

    /** Ends the machine: finisher fail with code. Clobbers t5, t6. */
    static Asm fail(Asm a, int code) {
        return a.li(T5, FINISHER).li(T6, (long) code << 16 | 0x3333).sw(T6, T5, 0).spin();
    }

    /** Prints the low byte of register r on the UART. Clobbers t6. */
    static Asm putc(Asm a, int r) {
        return a.li(T6, UART).sb(r, T6, 0);
    }

    static VirtMachine machine(MachineConfig config, Asm program) {
        VirtMachine m = new VirtMachine(config);
        m.loadBytes(program.origin(), program.bytes());
        return m;
    }

    /** Result of a run: status, console, per-hart instructions. */
    record Run(ExitStatus status, String console, long[] instructions, VirtMachine machine) {
    }

    static Run run(MachineConfig config, Asm program) {
        VirtMachine m = machine(config, program);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        m.addConsoleListener((b, off, len) -> {
            synchronized (console) {
                console.write(b, off, len);
            }
        });
        try (m) {
            m.start();
            Optional<ExitStatus> s = m.awaitExit(Duration.ofSeconds(90));
            assertTrue(s.isPresent(), "machine did not end");
            synchronized (console) {
                return new Run(s.get(), console.toString(StandardCharsets.ISO_8859_1), m.instructionsPerHart(), m);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
