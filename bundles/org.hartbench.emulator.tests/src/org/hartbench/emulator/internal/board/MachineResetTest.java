package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.testsupport.Asm;
import org.hartbench.emulator.testsupport.GuestCase;
import org.hartbench.emulator.testsupport.GuestPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Machine reset ({@code Machine.reset}, QEMU's system_reset): after a run that changed
 * registers, CSRs, RAM, the CLINT, PLIC, UART, trace device and virtio disk, a reset machine
 * runs the same program to the same {@link RunDigest} as a fresh machine. The probe program
 * reads every piece of that state into registers before it writes it, so anything a reset
 * forgets shows in the digest.
 */
class MachineResetTest {

    private static final long PLIC = 0x0C00_0000L;
    private static final long VIRTIO = 0x1000_1000L;
    private static final long TRACE = 0x1001_0000L;
    /** A RAM word per hart far from the program, which only the probe writes. */
    private static final long FAR = RAM + (20L << 20);
    /** Where each hart writes and runs a small routine (16 bytes per hart), outside the program. */
    private static final long ROUTINE = RAM + 0x10000;

    @TempDir
    Path dir;

    /**
     * Every hart reads the state a previous run would have left into registers (s0..s11, a2..a6,
     * t3, and in tp the cause of calling its routine's address, which holds no code yet), then
     * changes all of it, writes and calls its routine, prints the UART scratch register it read,
     * and checks in; hart 0 moves mtime and passes once both harts have checked in, leaving an LR
     * reservation, raised interrupt lines and a live trace ring behind.
     */
    static Asm probe() {
        Asm a = program();
        a.la(T0, "recover").csrw(MTVEC, T0).li(T1, ROUTINE).slli(T2, A0, 4).add(T1, T1, T2).jalr(RA, T1, 0);
        a.label("after").mv(TP, A7); // illegal instruction (2) on zeroed RAM; 77 if stale decoded code ran
        a.csrr(S0, MSCRATCH).csrr(S1, MTVEC).csrr(S2, MIE).csrr(S3, SATP).csrr(S4, MENVCFG).csrr(A2, MINSTRET);
        a.csrr(A3, TIME);
        a.li(T0, FAR).slli(T1, A0, 3).add(T0, T0, T1).ld(S5, T0, 0);
        a.li(T0, CLINT).slli(T1, A0, 2).add(T0, T0, T1).lw(S6, T0, 0); // msip[hart]
        a.li(T0, MTIMECMP).slli(T1, A0, 3).add(T0, T0, T1).ld(S7, T0, 0);
        a.li(T0, UART).lbu(S8, T0, 7).lbu(A4, T0, 1).lbu(A5, T0, 3); // SCR, IER, LCR
        a.li(T0, PLIC + 4 * 10).lw(S9, T0, 0); // priority of the UART's source
        a.li(T0, PLIC + 0x20_0000).slli(T1, A0, 13).add(T0, T0, T1).lw(S10, T0, 0); // threshold of context 2h
        a.li(T0, PLIC + 0x2000).slli(T1, A0, 8).add(T0, T0, T1).lw(A6, T0, 0); // enables of context 2h
        a.li(T0, TRACE + 0x100).slli(T1, A0, 4).add(T0, T0, T1).ld(S11, T0, 0); // ring address
        a.li(T0, VIRTIO + 0x70).lw(T3, T0, 0); // status
        // Now change all of it.
        a.addi(T0, A0, 0x123).csrw(MSCRATCH, T0).la(T0, "handler").csrw(MTVEC, T0);
        a.li(T0, 0x888).csrw(MIE, T0).li(T0, 0x1234).csrw(SATP, T0).li(T0, 1L << 63 | 1).csrw(MENVCFG, T0);
        a.li(T0, FAR).slli(T1, A0, 3).add(T0, T0, T1).li(T2, 0xABCD).sd(T2, T0, 0);
        a.li(T0, CLINT).slli(T1, A0, 2).add(T0, T0, T1).li(T2, 1).sw(T2, T0, 0);
        a.li(T0, MTIMECMP).slli(T1, A0, 3).add(T0, T0, T1).li(T2, 12345).sd(T2, T0, 0);
        a.li(T0, UART).li(T2, 0x5A).sb(T2, T0, 7).li(T2, 3).sb(T2, T0, 3).li(T2, 2).sb(T2, T0, 1);
        a.addi(T2, S8, 'A').sb(T2, T0, 0); // prints 'A' + the scratch register it found
        a.li(T0, PLIC + 4 * 10).li(T2, 5).sw(T2, T0, 0);
        a.li(T0, PLIC + 0x2000).slli(T1, A0, 8).add(T0, T0, T1).li(T2, 1 << 10).sw(T2, T0, 0);
        a.li(T0, PLIC + 0x20_0000).slli(T1, A0, 13).add(T0, T0, T1).li(T2, 1).sw(T2, T0, 0);
        a.la(T2, "rings").slli(T1, A0, 12).add(T2, T2, T1);
        a.li(T0, TRACE + 0x100).slli(T1, A0, 4).add(T0, T0, T1).sd(T2, T0, 0).li(T2, 64).sw(T2, T0, 8);
        a.li(T0, VIRTIO + 0x70).li(T2, 1).sw(T2, T0, 0);
        // The routine: a7 = 77; ret. fence.i, then call it.
        a.li(T1, ROUTINE).slli(T2, A0, 4).add(T1, T1, T2).li(T2, 0x04D0_0893).sw(T2, T1, 0).li(T2, 0x0000_8067)
                .sw(T2, T1, 4).word(0x0000_100F).jalr(RA, T1, 0);
        a.la(T0, "data").lr(true, T4, T0).li(T2, 1).addi(T0, T0, 8).amo(AMOADD, true, ZERO, T0, T2);
        a.bnez(A0, "park");
        a.li(T1, MTIME).li(T2, 1_000_000).sd(T2, T1, 0);
        a.li(T2, 2).label("wait").ld(T1, T0, 0).bne(T1, T2, "wait");
        pass(a);
        a.label("park").j("park");
        a.align(4).label("handler").j("handler");
        a.align(4).label("recover").csrr(A7, MCAUSE).j("after");
        a.align(8).label("data").dword(0).dword(0);
        a.align(4096).label("rings").org(a.here() + 2 * 4096);
        return a;
    }

    private MachineConfig probeConfig() throws IOException {
        Path disk = dir.resolve("probe.img");
        Files.write(disk, new byte[16 * 512]);
        return config(2, ExecutionMode.DETERMINISTIC).withTrace(true).withDisk(disk, false)
                .withMaxInstructions(1_000_000);
    }

    /** Runs the loaded program with start and awaitExit, as a host would. */
    private static RunDigest runStarted(VirtMachine m, StringBuilder console) throws InterruptedException {
        console.setLength(0);
        m.start();
        ExitStatus s = m.awaitExit(Duration.ofSeconds(60)).orElseThrow();
        return RunDigest.of(m, s, console.toString());
    }

    private static VirtMachine withConsole(VirtMachine m, StringBuilder console) {
        m.addConsoleListener((b, off, len) -> console.append(new String(b, off, len, StandardCharsets.ISO_8859_1)));
        return m;
    }

    @Test
    void aResetMachineRunsLikeAFreshOne() throws Exception {
        StringBuilder console = new StringBuilder();
        try (VirtMachine m = withConsole(machine(probeConfig(), probe()), console)) {
            RunDigest fresh = runStarted(m, console);
            assertTrue(fresh.status().startsWith("PASS"), fresh.status());
            assertEquals("AA", fresh.console(), "both harts found the UART's scratch register at 0");
            HartSnapshot h0 = m.inspector().snapshot(0);
            assertEquals(0x123, h0.csr("mscratch"), "the probe changed the state it read");
            assertEquals(0, h0.x()[S9], "and read the PLIC's reset priority before");
            assertEquals(2, h0.x()[TP], "calling zeroed RAM raised illegal instruction");
            assertEquals(77, h0.x()[A7], "calling the routine it wrote ran it");

            m.reset();
            assertEquals(fresh, runStarted(m, console), "after reset(), which placed the program again");

            m.resetEmpty();
            m.loadBytes(RAM, probe().bytes());
            console.setLength(0);
            ExitStatus s = m.runOnCallingThread();
            assertEquals(fresh, RunDigest.of(m, s, console.toString()), "after resetEmpty(), on the calling thread");
        }
    }

    /**
     * The C guest programs (four harts printing, the timer, PLIC and UART interrupts, virtio-blk
     * reads and writes through the reopened image) give a fresh machine's digest after reset().
     * The disk image is written afresh before each run, since a reset keeps the disk's contents.
     */
    @ParameterizedTest
    @ValueSource(strings = { "hello", "timer", "plic_uart", "virtio_blk" })
    void guestProgramsRunAlikeAfterReset(String name) throws Exception {
        GuestCase c = GuestCase.ALL.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
        MachineConfig config = MachineConfig.defaults().withHarts(c.harts()).withRamMiB(GuestCase.RAM_MIB)
                .withBootArgs(c.bootArgs()).withTrace(false).withMaxInstructions(200_000_000L)
                .withTimeout(Duration.ofSeconds(60));
        if (c.disk()) {
            config = config.withDisk(GuestCase.makeDisk(dir, "guest.img"), false);
        }
        StringBuilder console = new StringBuilder();
        try (VirtMachine m = withConsole(new VirtMachine(config), console)) {
            m.load(GuestPrograms.elf(c.program()));
            RunDigest fresh = runStarted(m, console);
            assertEquals(GuestPrograms.expected(c.name()), fresh.console(), "the program works at all");
            if (c.disk()) {
                GuestCase.makeDisk(dir, "guest.img");
            }
            m.reset();
            assertEquals(fresh, runStarted(m, console));
        }
    }

    @Test
    void resetRestoresThePowerOnState() throws Exception {
        Asm probe = probe();
        try (VirtMachine m = machine(probeConfig(), probe)) {
            m.start();
            assertEquals(ExitStatus.Kind.PASS, m.awaitExit(Duration.ofSeconds(60)).orElseThrow().kind());
            m.reset();
            assertTrue(m.exitStatus().isEmpty(), "no exit status after a reset");
            assertEquals(0, m.inspector().mtime(), "mtime starts again from 0");
            assertArrayEquals(new long[2], m.instructionsPerHart());
            for (int h = 0; h < 2; h++) {
                HartSnapshot s = m.inspector().snapshot(h);
                assertEquals(RAM, s.pc());
                assertEquals(PrivilegeMode.MACHINE, s.mode());
                long[] expected = new long[32];
                expected[A0] = h;
                expected[A1] = m.deviceTreeAddress();
                assertArrayEquals(expected, s.x(), "hart " + h + " registers");
                for (String csr : new String[] { "mscratch", "mtvec", "mie", "satp", "menvcfg", "instret", "mtimecmp" }) {
                    assertEquals(0, s.csr(csr), "hart " + h + " " + csr);
                }
                assertEquals(0x80, s.csr("mip"), "only MTIP (mtime 0 >= mtimecmp 0), no line left high");
                assertEquals(0, m.ram().readLong(FAR + 8L * h), "RAM the run wrote is zero again");
            }
            byte[] code = new byte[probe.bytes().length];
            m.inspector().readPhysical(RAM, code, 0, code.length);
            assertArrayEquals(probe.bytes(), code, "reset() places the loaded program again");

            m.resetEmpty();
            m.inspector().readPhysical(RAM, code, 0, code.length);
            assertArrayEquals(new byte[code.length], code, "resetEmpty() forgets it");
            byte[] magic = new byte[4];
            m.inspector().readPhysical(m.deviceTreeAddress(), magic, 0, 4);
            assertArrayEquals(new byte[] { (byte) 0xD0, 0x0D, (byte) 0xFE, (byte) 0xED }, magic, "the device tree stays");
        }
    }

    @Test
    void resetStopsARunningMachineAndLeavesNoThreads() throws Exception {
        for (ExecutionMode mode : ExecutionMode.values()) {
            try (VirtMachine m = machine(config(2, mode), program().spin())) {
                m.start();
                Thread.sleep(20);
                m.reset();
                assertTrue(m.exitStatus().isEmpty(), mode + ": ended run forgotten");
                assertTrue(RunControlTest.threadsOf(m).isEmpty(), mode + ": threads left: " + RunControlTest.threadsOf(m));
                m.start();
                m.stop();
                assertEquals(ExitStatus.Kind.STOPPED, m.exitStatus().orElseThrow().kind(), mode + ": runs again");
            }
        }
    }

    @Test
    void resetFromAListenerIsRefused() throws Exception {
        AtomicReference<Exception> refused = new AtomicReference<>();
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), putc(program().li(T0, 'x'), T0))) {
            m.addConsoleListener((b, off, len) -> {
                try {
                    m.reset();
                } catch (IllegalStateException | IOException e) {
                    refused.set(e);
                }
            });
            m.start();
            Thread.sleep(50);
            m.stop();
        }
        assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
        assertTrue(refused.get().getMessage().contains("own thread"), refused.get().getMessage());
    }

    @Test
    void aDiskImageThatCannotBeReopenedIsReported() throws Exception {
        MachineConfig config = probeConfig();
        try (VirtMachine m = machine(config, pass(program()))) {
            m.start();
            assertEquals(ExitStatus.Kind.PASS, m.awaitExit(Duration.ofSeconds(30)).orElseThrow().kind());
            Files.delete(config.disk());
            IOException e = assertThrows(IOException.class, m::reset);
            assertTrue(e.getMessage().contains("cannot reopen disk image") && e.getMessage().contains("probe.img"),
                    e.getMessage());
            assertTrue(m.exitStatus().isPresent(), "the machine stays ended");
            assertThrows(IllegalStateException.class, m::start);
        }
    }

    @Test
    void aRunOnTheCallingThreadEndsWhenIdleOrTimedOut() throws Exception {
        try (VirtMachine m = machine(config(2, ExecutionMode.DETERMINISTIC), program().label("w").wfi().j("w"))) {
            ExitStatus s = m.runOnCallingThread();
            assertEquals(ExitStatus.Kind.STOPPED, s.kind());
            assertEquals(VirtMachine.IDLE_MESSAGE, s.message());
            assertFalse(m.isIdle());
        }
        MachineConfig limited = config(1, ExecutionMode.DETERMINISTIC).withTimeout(Duration.ofMillis(200));
        try (VirtMachine m = machine(limited, program().spin())) {
            long t0 = System.nanoTime();
            ExitStatus s = m.runOnCallingThread();
            assertEquals(ExitStatus.Kind.TIMEOUT, s.kind(), s.message());
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "ended near its timeout");
        }
        try (VirtMachine m = machine(config(2, ExecutionMode.PARALLEL), program().spin())) {
            assertThrows(IllegalStateException.class, m::runOnCallingThread);
        }
    }
}
