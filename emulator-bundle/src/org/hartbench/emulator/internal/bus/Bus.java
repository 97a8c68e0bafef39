package org.hartbench.emulator.internal.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space: RAM plus a short list of {base, size, device}. Harts come here only
 * on a TLB miss or for device registers; RAM hits never leave the hart's fast path.
 *
 * <p>Built by the board before any hart runs and never changed after, so lookups need no lock.
 */
public final class Bus {

    /** One device window. */
    public record Mapping(String name, long base, long size, MmioDevice device) {
        boolean contains(long address) {
            return Long.compareUnsigned(address - base, size) < 0;
        }
    }

    private final Ram ram;
    private Mapping[] mappings = new Mapping[0];

    public Bus(Ram ram) {
        this.ram = ram;
    }

    public Ram ram() {
        return ram;
    }

    /** Places a device at its memory-map region. Board construction only. */
    public void map(MemoryMap.Region region, MmioDevice device) {
        map(region.name(), region.base(), region.size(), device);
    }

    public void map(String name, long base, long size, MmioDevice device) {
        List<Mapping> list = new ArrayList<>(List.of(mappings));
        for (Mapping m : list) {
            if (Long.compareUnsigned(base, m.base + m.size) < 0 && Long.compareUnsigned(m.base, base + size) < 0) {
                throw new IllegalArgumentException(name + " overlaps " + m.name);
            }
        }
        list.add(new Mapping(name, base, size, device));
        mappings = list.toArray(new Mapping[0]);
    }

    /** The device window holding address, or null. */
    public Mapping find(long address) {
        for (Mapping m : mappings) {
            if (m.contains(address)) {
                return m;
            }
        }
        return null;
    }

    public List<Mapping> mappings() {
        return List.of(mappings);
    }

    /** True when a device accepts a load of this size here (else the hart raises a load access fault). */
    public boolean canRead(long address, int size) {
        Mapping m = find(address);
        return m != null && m.contains(address + size - 1) && m.device.accepts(address - m.base, size);
    }

    /** Reads a device register; call only after {@link #canRead}. Zero-extended. */
    public long readDevice(long address, int size) {
        Mapping m = find(address);
        return m.device.read(address - m.base, size);
    }

    /** Writes a device register if one accepts the access; false means access fault. */
    public boolean writeDevice(long address, int size, long value) {
        Mapping m = find(address);
        if (m == null || !m.contains(address + size - 1) || !m.device.accepts(address - m.base, size)) {
            return false;
        }
        m.device.write(address - m.base, size, value);
        return true;
    }
}
