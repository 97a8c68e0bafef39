package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, no crash out. Many short programs of random instruction words, random compressed
 * parcels, well-formed instructions with random fields (CSR accesses, AMOs, privileged ops),
 * and jumps to random addresses (RAM, devices, nothing), started with random registers, a random
 * trap vector and sometimes random page tables. Every run must end within its limits with an
 * ordinary status: never a host exception (an "internal emulator error"), never a hang. A machine
 * whose harts all wait with nothing armed is idle, which counts as a clean end.
 *
 * <p>The default run executes well over 10^5 guest instructions; set the system property
 * {@code hartbench.robustness.programs} (default 300) for a longer run.
 */
class RobustnessTest {

    private static final int PROGRAMS = Integer.getInteger("hartbench.robustness.programs", 300);
    private static final long SEED = Long.getLong("hartbench.robustness.seed", 20261123L);
    private static final int WORDS = 512;
    private static final long MAX_INSTRUCTIONS = 4000;

    @Test
    void randomProgramsNeverCrashOrHang() throws Exception {
        Random random = new Random(SEED);
        Map<ExitStatus.Kind, Integer> outcomes = new EnumMap<>(ExitStatus.Kind.class);
        long total = 0;
        int idle = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            long seed = random.nextLong();
            boolean parallel = p % 10 == 9;
            MachineConfig config = MachineConfig.defaults().withRamMiB(16).withHarts(parallel ? 2 : 1)
                    .withMode(parallel ? ExecutionMode.PARALLEL : ExecutionMode.DETERMINISTIC)
                    .withMaxInstructions(MAX_INSTRUCTIONS).withTimeout(Duration.ofSeconds(20)).withTrace(p % 2 == 0);
            try (VirtMachine m = machine(config, randomProgram(new Random(seed)))) {
                m.start();
                Optional<ExitStatus> status = Optional.empty();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (status.isEmpty() && System.nanoTime() < deadline) {
                    status = m.awaitExit(Duration.ofMillis(20));
                    if (status.isEmpty() && m.isIdle()) {
                        idle++;
                        m.stop();
                        status = m.exitStatus();
                    }
                }
                if (status.isEmpty()) {
                    fail("program with seed " + seed + " did not end within its limits");
                }
                ExitStatus s = status.get();
                assertFalse(s.message().contains("internal"), "seed " + seed + ": " + s.message());
                assertTrue(s.kind() != ExitStatus.Kind.TIMEOUT, "seed " + seed + " timed out");
                outcomes.merge(s.kind(), 1, Integer::sum);
                for (long n : m.instructionsPerHart()) {
                    total += n;
                }
            }
        }
        System.out.printf("robustness: %d programs, %d instructions, outcomes %s, %d idle%n", PROGRAMS, total,
                outcomes, idle);
        if (PROGRAMS >= 300) {
            assertTrue(total >= 100_000, "only " + total + " instructions ran");
        }
    }

    /** Interesting addresses for random pointers and jump targets. */
    private static long randomAddress(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> RAM + r.nextInt(16 << 20); // anywhere in RAM (misaligned too)
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
