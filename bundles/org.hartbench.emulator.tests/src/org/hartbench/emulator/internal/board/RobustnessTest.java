package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, no crash out. Many short programs of random instruction words, random compressed
 * parcels, well-formed instructions with random fields (CSR accesses, AMOs, privileged ops),
 * and jumps to random addresses (RAM, devices, nothing), started with random registers, a random
 * trap vector and sometimes random page tables. Every run must end within its limits with an
 * ordinary status: never a host exception (an "internal emulator error"), never a hang. A machine
 * whose harts all wait with nothing armed is idle, which counts as a clean end.
 *
 * <p>Why one machine per kind, reset between programs: building a machine allocates and zeroes
 * its RAM and generates a device tree, tens of milliseconds, which would make 10^5 programs take
 * over an hour; a reset clears only the pages the last program wrote. A reset that forgot some
 * state would show here as a program behaving differently after another one ran, so every
 * {@link #CROSS_CHECK_EVERY}th deterministic program is also run on a fresh machine and the two
 * {@link RunDigest}s must be equal ({@link MachineResetTest} checks reset directly).
 *
 * <p>The mix: mostly one deterministic hart, with and without the trace device; one program in
 * ten on two deterministic harts; one in a hundred on two parallel harts.
 *
 * <p>System properties: {@code hartbench.robustness.programs} (default 100000; the long profile is
 * {@code -Dhartbench.robustness.programs=1000000}, about ten times as long) and
 * {@code hartbench.robustness.seed}. A failure names the program's own seed, which
 * {@link #randomProgram} turns back into the same program.
 */
class RobustnessTest {

    private static final int PROGRAMS = Integer.getInteger("hartbench.robustness.programs", 100_000);
    private static final long SEED = Long.getLong("hartbench.robustness.seed", 20261123L);
    private static final int WORDS = 512;
    /**
     * Instructions per program over all harts. A program still running after its first pass
     * through the random words is looping: with 4000 instead, 20000 programs end with the very
     * same outcome counts and take twice as long.
     */
    private static final long MAX_INSTRUCTIONS = 2000;
    private static final int RAM_MIB = 16;
    static final int CROSS_CHECK_EVERY = 5000;

    /** The machine kinds of the mix; each has one machine, reset before every program. */
    enum Kind {
        TRACED(1, ExecutionMode.DETERMINISTIC, true),
        UNTRACED(1, ExecutionMode.DETERMINISTIC, false),
        TWO_HARTS(2, ExecutionMode.DETERMINISTIC, true),
        PARALLEL(2, ExecutionMode.PARALLEL, false);

        final MachineConfig config;

        Kind(int harts, ExecutionMode mode, boolean trace) {
            config = MachineConfig.defaults().withRamMiB(RAM_MIB).withHarts(harts).withMode(mode).withTrace(trace)
                    .withMaxInstructions(MAX_INSTRUCTIONS).withTimeout(Duration.ofSeconds(20));
        }

        static Kind of(int program) {
            if (program % 100 == 99) {
                return PARALLEL;
            }
            if (program % 10 == 5) {
                return TWO_HARTS;
            }
            return program % 2 == 0 ? TRACED : UNTRACED;
        }
    }

    private final Map<Kind, VirtMachine> machines = new EnumMap<>(Kind.class);
    private final StringBuilder console = new StringBuilder();

    @AfterEach
    void closeMachines() {
        machines.values().forEach(VirtMachine::close);
    }

    @Test
    void randomProgramsNeverCrashOrHang() throws Exception {
        Random random = new Random(SEED);
        Map<ExitStatus.Kind, Integer> outcomes = new EnumMap<>(ExitStatus.Kind.class);
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        long total = 0;
        int idle = 0;
        int crossChecked = 0;
        long started = System.nanoTime();
        for (int p = 0; p < PROGRAMS; p++) {
            long seed = random.nextLong();
            Kind kind = Kind.of(p);
            VirtMachine m = machines.computeIfAbsent(kind, k -> newMachine(k.config));
            Asm program = randomProgram(new Random(seed));
            m.resetEmpty();
            m.loadBytes(program.origin(), program.bytes());
            console.setLength(0);
            ExitStatus s = run(m, seed);
            if (s.message().equals(VirtMachine.IDLE_MESSAGE)) {
                idle++;
            }
            assertFalse(s.message().contains("internal"), "seed " + seed + ": " + s.message());
            assertTrue(s.kind() != ExitStatus.Kind.TIMEOUT, "seed " + seed + " timed out");
            outcomes.merge(s.kind(), 1, Integer::sum);
            kinds.merge(kind, 1, Integer::sum);
            for (long n : m.instructionsPerHart()) {
                total += n;
            }
            if (p % CROSS_CHECK_EVERY == CROSS_CHECK_EVERY / 2 && kind.config.mode() == ExecutionMode.DETERMINISTIC) {
                crossCheck(m, s, program, seed, kind);
                crossChecked++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("robustness: %d programs in %.1f s (%.0f programs/s), %d instructions, outcomes %s, "
                + "%d idle, machines %s, %d cross-checked on fresh machines%n", PROGRAMS, seconds, PROGRAMS / seconds,
                total, outcomes, idle, kinds, crossChecked);
        assertTrue(total >= 100L * PROGRAMS, "only " + total + " instructions ran in " + PROGRAMS + " programs");
    }

    private VirtMachine newMachine(MachineConfig config) {
        VirtMachine m = new VirtMachine(config);
        m.addConsoleListener((b, off, len) -> {
            synchronized (console) {
                console.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
            }
        });
        return m;
    }

    /**
     * Runs the loaded program to its end. A deterministic machine runs on this thread (handing
     * each run to the machine's threads would cost more than the run); it ends by itself, with
     * {@link VirtMachine#IDLE_MESSAGE} when it goes idle. A parallel one is started, and stopped
     * when it goes idle, with the same message. Fails when the program does not end in time.
     */
    private static ExitStatus run(VirtMachine m, long seed) throws InterruptedException {
        if (m.config().mode() == ExecutionMode.DETERMINISTIC) {
            return m.runOnCallingThread();
        }
        m.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ExitStatus> status = m.awaitExit(Duration.ofMillis(20));
            if (status.isPresent()) {
                return status.get();
            }
            if (m.isIdle()) {
                m.stop();
                return new ExitStatus(ExitStatus.Kind.STOPPED, 0, VirtMachine.IDLE_MESSAGE);
            }
        }
        return fail("program with seed " + seed + " did not end within its limits");
    }

    /** Runs the program again on a fresh machine: it must leave the same digest as on the reused one. */
    private void crossCheck(VirtMachine reused, ExitStatus status, Asm program, long seed, Kind kind)
            throws InterruptedException, IOException {
        RunDigest expected;
        synchronized (console) {
            expected = RunDigest.of(reused, status, console.toString());
        }
        VirtMachine fresh = newMachine(kind.config);
        try (fresh) {
            fresh.loadBytes(program.origin(), program.bytes());
            console.setLength(0);
            ExitStatus s = run(fresh, seed);
            synchronized (console) {
                assertEquals(expected, RunDigest.of(fresh, s, console.toString()),
                        "seed " + seed + " on a reset machine and on a fresh one");
            }
        }
    }

    /** Interesting addresses for random pointers and jump targets. */
    private static long randomAddress(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> RAM + r.nextInt(RAM_MIB << 20); // anywhere in RAM (misaligned too)
            case 1 -> RAM + r.nextInt(WORDS * 4) & ~1L; // into the program itself
            case 2 -> 0x0200_0000L + r.nextInt(0x10000); // CLINT
            case 3 -> 0x0C00_0000L + r.nextInt(0x60_0000); // PLIC
            case 4 -> 0x1000_0000L + r.nextInt(0x2000); // UART, virtio
            case 5 -> 0x0010_0000L + r.nextInt(16); // finisher
            case 6 -> r.nextLong(); // wild
            default -> 0x1001_0000L + r.nextInt(0x1000); // trace device
        };
    }

    static Asm randomProgram(Random r) {
        Asm a = program();
        for (int reg = 1; reg < 32; reg++) {
            a.li(reg, r.nextBoolean() ? randomAddress(r) : r.nextLong());
        }
        a.li(T0, RAM + 4L * (40 + r.nextInt(WORDS - 40))).csrw(MTVEC, T0);
        if (r.nextInt(4) == 0) {
            a.li(T0, 8L << 60 | (RAM + 4096L * r.nextInt(4096)) >>> 12).csrw(SATP, T0); // garbage page tables
            a.li(T0, r.nextLong() & 0x7E_19AAL).csrw(MSTATUS, T0); // random MPP, MPRV, SUM, MXR, TVM, TW, TSR, xIE
            a.li(T0, r.nextLong()).csrw(MEDELEG, T0).li(T0, r.nextLong()).csrw(MIDELEG, T0);
            a.li(T0, r.nextLong()).csrw(MIE, T0).li(T0, RAM + 4L * r.nextInt(WORDS)).csrw(STVEC, T0);
            a.li(T0, RAM + 4L * r.nextInt(WORDS)).csrw(MEPC, T0).mret();
        }
        while (a.here() < RAM + 4L * WORDS) {
            int kind = r.nextInt(20);
            if (kind < 8) {
                a.word(r.nextInt());
            } else if (kind < 12) {
                a.half(r.nextInt(0x10000)).half(r.nextInt(0x10000));
            } else if (kind < 18) {
                a.word(wellFormed(r));
            } else {
                int reg = 5 + r.nextInt(3);
                a.li(reg, randomAddress(r)).jalr(r.nextBoolean() ? RA : ZERO, reg, r.nextInt(64) - 32);
            }
        }
        return a;
    }

    /** A 32-bit instruction from a real opcode class with random operands. */
    private static int wellFormed(Random r) {
        int rd = r.nextInt(32), rs1 = r.nextInt(32), rs2 = r.nextInt(32);
        int[] majors = { 0x03, 0x23, 0x13, 0x33, 0x1B, 0x3B, 0x63, 0x6F, 0x67, 0x2F, 0x73, 0x0F, 0x37, 0x17 };
        int opcode = majors[r.nextInt(majors.length)];
        int funct3 = r.nextInt(8);
        int upper = r.nextInt(1 << 7);
        if (opcode == 0x2F) {
            int[] f5 = { 0, 1, 2, 3, 4, 8, 12, 16, 20, 24, 28 };
            upper = f5[r.nextInt(f5.length)] << 2 | r.nextInt(4);
            funct3 = 2 + r.nextInt(2);
        } else if (opcode == 0x73 && r.nextBoolean()) {
            int[] system = { 0x00000073, 0x00100073, 0x30200073, 0x10200073, 0x10500073, 0x12000073 };
            return system[r.nextInt(system.length)];
        }
        return upper << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }
}
