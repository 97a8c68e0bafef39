package org.hartbench.emulator.internal.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import org.hartbench.emulator.internal.devices.Plic;
import org.hartbench.emulator.internal.devices.SifiveTest;
import org.hartbench.emulator.testsupport.CHeader;
import org.hartbench.emulator.testsupport.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kernel-sources/include/hartbench/board.h restates the board for C. MemoryMap (and the device
 * classes for register layouts) are the source of truth: every #define in the header is checked
 * here, and a #define this test does not know fails it, so the header cannot drift.
 */
class BoardHeaderTest {

    private static CHeader board;
    private static final Set<String> checked = new TreeSet<>();

    @BeforeAll
    static void read() throws IOException {
        board = CHeader.read(RepositoryRoot.resolve("kernel-sources/include/hartbench/board.h"));
    }

    private static void check(long expected, String name, long... args) {
        assertTrue(board.defines(name), "board.h defines " + name);
        assertEquals(expected, board.value(name, args), name);
        checked.add(name);
    }

    /** The header's prefix for a region: BOARD_ + its Java constant name. */
    private static void checkRegion(String prefix, MemoryMap.Region r, boolean hasSize) {
        check(r.base(), "BOARD_" + prefix + "_BASE");
        if (hasSize) {
            check(r.size(), "BOARD_" + prefix + "_SIZE");
        }
        if (r.irq() != 0) {
            check(r.irq(), "BOARD_" + prefix + "_IRQ");
        }
    }

    @Test
    void everyDefineMatchesTheJavaSide() {
        check(MemoryMap.TIMEBASE_HZ, "BOARD_TIMEBASE_HZ");
        checkRegion("TEST", MemoryMap.TEST, true);
        checkRegion("CLINT", MemoryMap.CLINT, true);
        checkRegion("PLIC", MemoryMap.PLIC, true);
        checkRegion("UART0", MemoryMap.UART0, true);
        checkRegion("VIRTIO0", MemoryMap.VIRTIO0, true);
        checkRegion("TRACE", MemoryMap.TRACE, true);
        checkRegion("RAM", MemoryMap.RAM, false);

        check(SifiveTest.PASS, "BOARD_TEST_PASS");
        check(SifiveTest.RESET, "BOARD_TEST_RESET");
        check((42L << 16) | SifiveTest.FAIL, "BOARD_TEST_FAIL", 42);
        check((0xffffL << 16) | SifiveTest.FAIL, "BOARD_TEST_FAIL", 0x1ffff);

        // QEMU's CLINT layout (hw/intc/riscv_aclint.c defaults for virt): msip words from 0,
        // mtimecmp doublewords from 0x4000, mtime at 0xbff8.
        long clint = MemoryMap.CLINT.base();
        check(clint + 4 * 3, "BOARD_CLINT_MSIP", 3);
        check(clint + 0x4000 + 8 * 3, "BOARD_CLINT_MTIMECMP", 3);
        check(clint + 0xbff8, "BOARD_CLINT_MTIME");

        long plic = MemoryMap.PLIC.base();
        check(MemoryMap.PLIC_SOURCES, "BOARD_PLIC_SOURCES");
        check(plic + Plic.PRIORITY_BASE + 4 * 10, "BOARD_PLIC_PRIORITY", 10);
        check(plic + Plic.PENDING_BASE + 4 * 2, "BOARD_PLIC_PENDING", 2);
        check(plic + Plic.ENABLE_BASE + Plic.ENABLE_STRIDE * 5 + 4, "BOARD_PLIC_ENABLE", 5, 1);
        check(plic + Plic.CONTEXT_BASE + Plic.CONTEXT_STRIDE * 7, "BOARD_PLIC_THRESHOLD", 7);
        check(plic + Plic.CONTEXT_BASE + Plic.CONTEXT_STRIDE * 7 + Plic.CLAIM_OFFSET, "BOARD_PLIC_CLAIM", 7);
        check(Plic.machineContext(6), "BOARD_PLIC_MCONTEXT", 6);
        check(Plic.supervisorContext(6), "BOARD_PLIC_SCONTEXT", 6);

        Set<String> unchecked = new TreeSet<>(board.macros().keySet());
        unchecked.removeAll(checked);
        unchecked.remove("HARTBENCH_BOARD_H");
        assertEquals(Set.of(), unchecked, "board.h defines values no test checks");
    }

    @Test
    void everyRegionOfTheMapIsInTheHeader() {
        for (MemoryMap.Region r : MemoryMap.REGIONS) {
            boolean found = false;
            for (String name : board.macros().keySet()) {
                if (name.startsWith("BOARD_") && name.endsWith("_BASE") && board.value(name) == r.base()) {
                    found = true;
                }
            }
            assertTrue(found, "board.h gives the base of " + r.name());
        }
    }
}
