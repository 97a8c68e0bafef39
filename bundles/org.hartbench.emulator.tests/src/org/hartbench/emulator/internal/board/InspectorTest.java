package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.Inspector;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.testsupport.Asm;
import org.hartbench.emulator.testsupport.TinyElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector: hart snapshots, physical reads that stop at the end of RAM, virtual reads and
 * translation through the guest's own page table without setting A/D bits or touching the TLB,
 * and the loaded image. Reading never changes what the guest sees.
 */
class InspectorTest {

    private static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_A = 64, PTE_D = 128;
    private static final long VA = 0x4000_0000L;

    @TempDir
    Path dir;

    @Test
    void snapshotOfAFinishedMachine() {
        Asm a = program().csrr(A0, MHARTID).beqz(A0, "park").li(S2, 0x1234).li(A0, 1).csrw(MSCRATCH, A0);
        pass(a).label("park").wfi().j("park");
        Run r = run(config(2, ExecutionMode.DETERMINISTIC), a);
        HartSnapshot s = r.machine().inspector().snapshot(1);
        assertEquals(1, s.hartId());
        assertEquals(0x1234, s.x()[S2]);
        assertEquals(0, s.x()[0]);
        assertEquals(PrivilegeMode.MACHINE, s.mode());
        assertEquals(1, s.csr("mhartid"));
        assertEquals(1, s.csr("mscratch"));
        assertEquals(r.instructions()[1], s.instret());
        assertEquals(RunState.HALTED, s.state());
    }

    /**
     * runState and privilege are what the CPUs view polls ten times a second: they must answer
     * while the hart is in the middle of a slice (its run lock held), where snapshot() would wait.
     */
    @Test
    void runStateAndPrivilegeDoNotWaitForTheHart() throws Exception {
        Asm a = program().li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11).csrs(MSTATUS, T0);
        a.la(T0, "s").csrw(MEPC, T0).mret().label("s").label("spin").j("spin");
        try (VirtMachine m = machine(config(1, ExecutionMode.PARALLEL), a)) {
            Inspector in = m.inspector();
            assertEquals(RunState.SUSPENDED, in.runState(0), "not started yet");
            m.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (in.privilege(0) != PrivilegeMode.SUPERVISOR && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            HartSlot slot = m.slot(0);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                slot.runLock.lock(); // what the hart's own thread holds during a slice
                try {
                    held.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slot.runLock.unlock();
                }
            });
            holder.start();
            try {
                assertTrue(held.await(10, TimeUnit.SECONDS));
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    assertEquals(RunState.RUNNING, in.runState(0));
                    assertEquals(PrivilegeMode.SUPERVISOR, in.privilege(0));
                });
            } finally {
                release.countDown();
                holder.join();
            }
            m.pause();
            assertEquals(RunState.SUSPENDED, in.runState(0));
            assertEquals(in.snapshot(0).state(), in.runState(0));
            assertEquals(in.snapshot(0).mode(), in.privilege(0));
            m.stop();
            assertEquals(RunState.HALTED, in.runState(0));
        }
    }

    @Test
    void physicalReadsStopAtTheEndOfRam() {
        Asm program = pass(program());
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), program)) {
            Inspector in = m.inspector();
            long end = RAM + (32L << 20);
            byte[] b = new byte[64];
            assertEquals(16, in.readPhysical(end - 16, b, 0, 64));
            assertEquals(0, in.readPhysical(end, b, 0, 8));
            assertEquals(0, in.readPhysical(0x1000_0000L, b, 0, 8), "device registers are never read");
            assertEquals(8, in.readPhysical(RAM, b, 0, 8));
            assertArrayEquals(java.util.Arrays.copyOf(program.bytes(), 8), java.util.Arrays.copyOf(b, 8));
        }
    }

    @Test
    void virtualReadsWalkTheGuestPageTableWithoutSettingAccessedBits() throws Exception {
        long root = RAM + 0x10_0000;
        long data = RAM + 0x20_0000;
        Asm a = program().li(T0, 8L << 60 | root >>> 12).csrw(SATP, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11).csrs(MSTATUS, T0).la(T0, "s").csrw(MEPC, T0).mret();
        a.label("s").label("spin").j("spin");
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), a)) {
            ByteBuffer pt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            // level 2: identity 1 GiB for the code; VA -> a level-1 table -> level-0 table -> data page
            write(m, root + 2 * 8, (RAM >>> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
            write(m, root + 1 * 8, ((root + 0x1000) >>> 12) << 10 | PTE_V);
            write(m, root + 0x1000, ((root + 0x2000) >>> 12) << 10 | PTE_V);
            write(m, root + 0x2000, (data >>> 12) << 10 | PTE_V | PTE_R | PTE_W);
            write(m, data + 0xFF8, 0x0102_0304_0506_0708L);
            m.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (m.inspector().snapshot(0).mode() != PrivilegeMode.SUPERVISOR && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Inspector in = m.inspector();
            assertEquals(OptionalLong.of(data + 0xFF8), in.translate(0, VA + 0xFF8));
            assertEquals(OptionalLong.empty(), in.translate(0, VA + 0x1000));
            byte[] b = new byte[16];
            assertEquals(8, in.readVirtual(0, VA + 0xFF8, b, 0, 16), "stops at the unmapped page");
            assertEquals(0x08, b[0]);
            byte[] pte = new byte[8];
            in.readPhysical(root + 0x2000, pte, 0, 8);
            assertEquals(0, pte[0] & PTE_A, "the walk set no A bit");
            pt.clear();
        }
    }

    private static void write(VirtMachine m, long pa, long value) {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        m.loadBytes(pa, b);
    }

    @Test
    void inspectingARunningMachineDoesNotPerturbIt() throws Exception {
        // The guest counts 200000 iterations and reports its own instret; snapshots while it runs change nothing.
        Asm a = program().li(S2, 200_000).label("loop").addi(S2, S2, -1).bnez(S2, "loop").csrr(A0, INSTRET);
        a.la(T0, "result").sd(A0, T0, 0);
        pass(a).align(8).label("result").dword(0);
        long quiet = instretReported(a, false);
        long inspected = instretReported(a, true);
        assertEquals(quiet, inspected);
    }

    private static long instretReported(Asm a, boolean inspect) throws Exception {
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), a)) {
            m.start();
            while (m.exitStatus().isEmpty()) {
                if (inspect) {
                    HartSnapshot s = m.inspector().snapshot(0);
                    assertTrue(s.pc() >= RAM && s.pc() < RAM + 0x1000);
                    m.inspector().translate(0, RAM);
                    m.inspector().readVirtual(0, RAM, new byte[64], 0, 64);
                }
                Thread.onSpinWait();
            }
            assertEquals(ExitStatus.Kind.PASS, m.awaitExit(Duration.ofSeconds(10)).orElseThrow().kind());
            byte[] b = new byte[8];
            m.inspector().readPhysical(a.address("result"), b, 0, 8);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    @Test
    void imageIsTheLoadedElf() throws Exception {
        Asm a = pass(program());
        Path elf = TinyElf.write(dir.resolve("tiny.elf"), a);
        try (VirtMachine m = new VirtMachine(config(1, ExecutionMode.DETERMINISTIC))) {
            assertEquals(null, m.inspector().image());
            m.load(elf);
            assertEquals(RAM, m.inspector().image().entry());
            byte[] b = new byte[a.bytes().length];
            m.inspector().readPhysical(RAM, b, 0, b.length);
            assertArrayEquals(a.bytes(), b);
        }
    }
}
