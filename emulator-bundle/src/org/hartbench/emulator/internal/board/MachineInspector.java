package org.hartbench.emulator.internal.board;

import java.util.OptionalLong;

import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.Inspector;
import org.hartbench.emulator.api.PrivilegeMode;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.internal.cpu.Hart;

/**
 * The non-perturbing view of a machine. Hart state is read under the hart's run lock, i.e.
 * between two slices (or while it is parked), so a snapshot is consistent; translation walks
 * the page table without filling a TLB or setting A/D bits, and memory reads copy RAM directly
 * and never touch a device.
 */
final class MachineInspector implements Inspector {

    private final VirtMachine machine;

    MachineInspector(VirtMachine machine) {
        this.machine = machine;
    }

    @Override
    public int hartCount() {
        return machine.hartCount();
    }

    private HartSlot slot(int hart) {
        if (hart < 0 || hart >= machine.hartCount()) {
            throw new IllegalArgumentException("no hart " + hart + " (machine has " + machine.hartCount() + ")");
        }
        return machine.slot(hart);
    }

    @Override
    public HartSnapshot snapshot(int hart) {
        HartSlot s = slot(hart);
        s.runLock.lock();
        try {
            return s.hart.snapshot(machine.runState(hart));
        } finally {
            s.runLock.unlock();
        }
    }

    @Override
    public RunState runState(int hart) {
        slot(hart); // checks the index
        return machine.runState(hart);
    }

    @Override
    public PrivilegeMode privilege(int hart) {
        // A plain read of a field only the hart's thread writes: no lock, so the hart never waits.
        return slot(hart).hart.privilege();
    }

    @Override
    public long mtime() {
        return machine.clock().mtime();
    }

    @Override
    public int readPhysical(long address, byte[] dst, int offset, int length) {
        Ram ram = machine.ram();
        long end = ram.base() + ram.size();
        if (Long.compareUnsigned(address, ram.base()) < 0 || Long.compareUnsigned(address, end) >= 0 || length <= 0) {
            return 0;
        }
        int n = (int) Math.min(length, end - address);
        ram.read(address, dst, offset, n);
        return n;
    }

    @Override
    public OptionalLong translate(int hart, long virtualAddress) {
        HartSlot s = slot(hart);
        long pa;
        s.runLock.lock();
        try {
            pa = s.hart.peekTranslate(virtualAddress);
        } finally {
            s.runLock.unlock();
        }
        return pa == -1 ? OptionalLong.empty() : OptionalLong.of(pa);
    }

    @Override
    public int readVirtual(int hart, long virtualAddress, byte[] dst, int offset, int length) {
        int done = 0;
        while (done < length) {
            long va = virtualAddress + done;
            OptionalLong pa = translate(hart, va);
            if (pa.isEmpty()) {
                break;
            }
            int chunk = (int) Math.min(length - done, 4096 - (va & 0xFFF));
            int n = readPhysical(pa.getAsLong(), dst, offset + done, chunk);
            done += n;
            if (n < chunk) {
                break;
            }
        }
        return done;
    }

    @Override
    public ElfImage image() {
        return machine.image();
    }

    /** The hart object behind index i, for internal tools. */
    Hart hart(int i) {
        return slot(i).hart;
    }
}
