package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.internal.cpu.PrivilegeHelpers.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * The pre-decoded code cache never runs stale code where the ISA promises new code: after a
 * store and fence.i, after a store without fence.i on the same hart (the cache drops exactly the
 * overwritten instructions), and after a write from outside the hart (DMA, a loader).
 */
class SelfModifyingCodeTest {

    private final HartRig rig = new HartRig();

    /** Runs "patched" (li a0, 1) twice, overwriting it with li a0, 2 in between. */
    private Asm program(boolean fenceI) {
        int replacement = Asm.encode(x -> x.addi(A0, ZERO, 2));
        Asm a = withMachineTrap().li(S2, 0).la(S0, "patched").li(S1, replacement);
        a.label("again").jal(RA, "patched").add(S2, S2, A0).li(T0, 1).bne(S2, T0, "end");
        a.sw(S1, S0, 0);
        if (fenceI) {
            a.fenceI();
        }
        a.j("again");
        a.label("patched").addi(A0, ZERO, 1).jalr(ZERO, RA, 0);
        return finish(a);
    }

    @Test
    void storeThenFenceIRunsTheNewInstruction() {
        rig.run(program(true), "end");
        assertEquals(3, rig.x(S2));
    }

    @Test
    void storeWithoutFenceIOnTheSameHartIsAlsoSeen() {
        rig.run(program(false), "end");
        assertEquals(3, rig.x(S2));
    }

    @Test
    void writesFromOutsideTheHartInvalidateDecodedCode() {
        Asm a = withMachineTrap().label("loop").label("patched").addi(A0, ZERO, 1).j("loop");
        finish(a);
        rig.load(a);
        rig.hart.run(100);
        assertEquals(1, rig.x(A0));
        int replacement = Asm.encode(x -> x.addi(A0, ZERO, 7));
        rig.ram.writeInt(a.address("patched"), replacement); // as a DMA write would
        rig.hart.run(100);
        assertEquals(7, rig.x(A0));
    }
}
