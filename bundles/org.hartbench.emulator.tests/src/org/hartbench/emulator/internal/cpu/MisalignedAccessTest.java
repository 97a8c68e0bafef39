package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PageTables.*;
import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.internal.bus.MmioDevice;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Misaligned ordinary loads and stores are performed (as QEMU 7.2 does), within a page and
 * across a page boundary; across into an unmapped page they fault on the second page with its
 * first address in mtval and write nothing. Misaligned device accesses are access faults. The
 * atomic cases are in {@link AtomicsInstructionTest}.
 */
class MisalignedAccessTest {

    private final HartRig rig = new HartRig();

    @Test
    void misalignedLoadsAndStoresWithinAPage() {
        Asm a = withMachineTrap().la(S0, "data").li(A0, 0x0102_0304_0506_0708L).sd(A0, S0, 3).ld(S2, S0, 3)
                .lw(S3, S0, 5).lhu(S4, S0, 1).li(A1, 0xABCD).sh(A1, S0, 1).ld(S5, S0, 0);
        finish(a);
        a.align(4096).label("data").dword(0).dword(0);
        rig.run(a, "end");
        assertEquals(0x0102_0304_0506_0708L, rig.x(S2));
        assertEquals(0x0304_0506, rig.x(S3));
        assertEquals(0, rig.x(S4));
        assertEquals(0x0405_0607_08AB_CD00L, rig.x(S5), "sh at offset 1 replaced bytes 1 and 2 only");
    }

    @Test
    void misalignedAccessAcrossAPageBoundary() {
        Asm a = withMachineTrap().la(S0, "data").li(T0, 4092).add(S0, S0, T0).li(A0, 0x1122_3344_5566_7788L)
                .sd(A0, S0, 0).ld(S2, S0, 0).lw(S3, S0, 2);
        finish(a);
        a.align(4096).label("data").org(a.here() + 8192);
        rig.run(a, "end");
        assertEquals(0x1122_3344_5566_7788L, rig.x(S2));
        assertEquals(0x3344_5566, rig.x(S3));
        assertEquals(0x5566_7788L, rig.ram.readInt(a.address("data") + 4092) & 0xFFFF_FFFFL);
    }

    @Test
    void storeIntoAnUnmappedSecondPageFaultsAndWritesNothing() {
        PageTables pt = new PageTables(rig.ram, Sv39Test.POOL);
        pt.map(Sv39Test.CODE, Sv39Test.CODE, RWX | A | D, 2);
        pt.map(Sv39Test.VA, Sv39Test.DATA_PA, R | W | A | D, 0); // the next page stays unmapped
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, Sv39Test.VA + 4092).li(A0, -1).sd(A0, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.STORE_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(Sv39Test.VA + 4096, rig.csr(CsrFile.MTVAL), "the faulting part's address");
        assertEquals(0, rig.ram.readInt(Sv39Test.DATA_PA + 4092), "no partial write");
    }

    @Test
    void loadFromAnUnmappedFirstPageReportsTheOriginalAddress() {
        PageTables pt = new PageTables(rig.ram, Sv39Test.POOL);
        pt.map(Sv39Test.CODE, Sv39Test.CODE, RWX | A | D, 2);
        pt.map(Sv39Test.VA + 4096, Sv39Test.DATA_PA, R | W | A | D, 0);
        Asm a = withMachineTrap().li(T0, pt.satp()).csrw(SATP, T0);
        enter(a, SUPERVISOR, "go").label("go").li(S0, Sv39Test.VA + 4093).ld(S2, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.LOAD_PAGE_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(Sv39Test.VA + 4093, rig.csr(CsrFile.MTVAL));
    }

    @Test
    void misalignedDeviceAccessesAreAccessFaults() {
        List<String> touched = new ArrayList<>();
        rig.withDevice(new MmioDevice() {
            @Override
            public boolean accepts(long offset, int size) {
                return true;
            }

            @Override
            public long read(long offset, int size) {
                touched.add("read " + offset);
                return 0;
            }

            @Override
            public void write(long offset, int size, long value) {
                touched.add("write " + offset);
            }
        });
        Asm a = withMachineTrap().li(S0, HartRig.DEVICE_BASE).lw(S2, S0, 4).label("bad").lw(S2, S0, 2);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.LOAD_ACCESS_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(HartRig.DEVICE_BASE + 2, rig.csr(CsrFile.MTVAL));
        assertEquals(List.of("read 4"), touched, "the aligned load reached the device, the misaligned one did not");

        HartRig r2 = new HartRig();
        r2.withDevice(new MmioDevice() {
            @Override
            public boolean accepts(long offset, int size) {
                return true;
            }

            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, int size, long value) {
                touched.add("write " + offset);
            }
        });
        Asm b = withMachineTrap().li(S0, HartRig.DEVICE_BASE).sd(S0, S0, 1);
        finish(b);
        r2.run(b, "mtrap");
        assertEquals(Cause.STORE_ACCESS_FAULT, r2.csr(CsrFile.MCAUSE));
    }

    @Test
    void accessToNothingIsAnAccessFault() {
        Asm a = withMachineTrap().li(S0, 0x4000_0000L).ld(S2, S0, 0);
        finish(a);
        rig.run(a, "mtrap");
        assertEquals(Cause.LOAD_ACCESS_FAULT, rig.csr(CsrFile.MCAUSE));
        assertEquals(0x4000_0000L, rig.csr(CsrFile.MTVAL));
    }
}
