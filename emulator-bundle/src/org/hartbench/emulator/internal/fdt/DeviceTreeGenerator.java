package org.hartbench.emulator.internal.fdt;

import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.internal.bus.MemoryMap;
import org.hartbench.emulator.internal.bus.MemoryMap.Region;

/**
 * Generates the board's device tree from {@link MemoryMap}, in the shape QEMU's virt board gives
 * (so one kernel parses both; a differential test compares the two):
 * <pre>
 *   /                 #address-cells 2, #size-cells 2, compatible "riscv-virtio"
 *   /chosen           bootargs, stdout-path = the UART
 *   /poweroff /reboot syscon nodes pointing at the test finisher (0x5555, 0x7777)
 *   /memory@80000000  RAM
 *   /cpus             timebase-frequency; cpu@N with an interrupt-controller child; cpu-map
 *   /soc              simple-bus: clint, plic, serial, virtio_mmio, test, and trace (Hartbench only,
 *                     and only when tracing is on: the kernel traces only if the node exists)
 * </pre>
 * Phandles are fixed by position (cpu h: 2h+1, its interrupt controller 2h+2, then the PLIC and
 * the finisher), so the same machine always gets the same bytes.
 */
public final class DeviceTreeGenerator {
    private DeviceTreeGenerator() {
    }

    /** What each hart implements, in the device tree's ISA string form (QEMU appends sstc this way). */
    public static final String ISA = "rv64imac_zicsr_zifencei_sstc";
    public static final String MMU_TYPE = "riscv,sv39";
    /** The UART's input clock as QEMU declares it (3.6864 MHz). */
    public static final int UART_CLOCK_HZ = 0x38_4000;

    /** Interrupt numbers at a hart's interrupt controller (mip bits): M software, M timer, S and M external. */
    private static final int IRQ_M_SOFT = 3;
    private static final int IRQ_M_TIMER = 7;
    private static final int IRQ_S_EXT = 9;
    private static final int IRQ_M_EXT = 11;

    private static final long TWO_MIB = 2L << 20;
    private static final long THREE_GIB = 3L << 30;

    /** The tree for a machine config. */
    public static byte[] generate(MachineConfig config) {
        return generate(config.harts(), (long) config.ramMiB() << 20, config.bootArgs(), config.trace());
    }

    /**
     * @param harts     number of harts (1 to 32)
     * @param ramBytes  RAM size at {@link MemoryMap#RAM}'s base
     * @param bootArgs  /chosen/bootargs (may be empty; the property is always present)
     * @param trace     include the hartbench,trace node
     */
    public static byte[] generate(int harts, long ramBytes, String bootArgs, boolean trace) {
        if (harts < 1 || harts > MachineConfig.MAX_HARTS) {
            throw new IllegalArgumentException("hart count " + harts + " is out of range");
        }
        int plicPhandle = 2 * harts + 1;
        int testPhandle = 2 * harts + 2;
        FdtWriter w = new FdtWriter();
        w.beginNode("");
        w.propertyCells("#address-cells", 2);
        w.propertyCells("#size-cells", 2);
        w.propertyStrings("compatible", "riscv-virtio");
        w.propertyStrings("model", "Hartbench riscv-virtio");

        w.beginNode("chosen");
        w.propertyStrings("bootargs", bootArgs == null ? "" : bootArgs);
        w.propertyStrings("stdout-path", "/soc/" + unitName(MemoryMap.UART0));
        w.endNode();

        syscon(w, "poweroff", "syscon-poweroff", testPhandle, 0x5555);
        syscon(w, "reboot", "syscon-reboot", testPhandle, 0x7777);

        w.beginNode(unitName(MemoryMap.RAM));
        w.propertyStrings("device_type", "memory");
        w.propertyLongs("reg", MemoryMap.RAM.base(), ramBytes);
        w.endNode();

        cpus(w, harts);
        soc(w, harts, plicPhandle, testPhandle, trace);

        w.endNode();
        return w.finish(0);
    }

    /**
     * Where the tree goes in RAM, by QEMU's rule for {@code -bios none}: the highest 2 MiB
     * boundary that leaves room for the blob below the end of RAM or 3 GiB, whichever is lower
     * (so 32-bit code can reach it). With 256 MiB that is 0x8fe0_0000.
     */
    public static long loadAddress(long ramBytes, int blobSize) {
        long base = MemoryMap.RAM.base();
        long end = base + ramBytes;
        long top = base < THREE_GIB ? Math.min(end, THREE_GIB) : end;
        return Math.floorDiv(top - blobSize, TWO_MIB) * TWO_MIB;
    }

    private static String unitName(Region r) {
        return r.name() + "@" + Long.toHexString(r.base());
    }

    private static int cpuPhandle(int hart) {
        return 2 * hart + 1;
    }

    private static int intcPhandle(int hart) {
        return 2 * hart + 2;
    }

    private static void syscon(FdtWriter w, String name, String compatible, int regmap, int value) {
        w.beginNode(name);
        w.propertyCells("value", value);
        w.propertyCells("offset", 0);
        w.propertyCells("regmap", regmap);
        w.propertyStrings("compatible", compatible);
        w.endNode();
    }

    private static void cpus(FdtWriter w, int harts) {
        w.beginNode("cpus");
        w.propertyCells("#address-cells", 1);
        w.propertyCells("#size-cells", 0);
        w.propertyCells("timebase-frequency", (int) MemoryMap.TIMEBASE_HZ);
        for (int h = 0; h < harts; h++) {
            w.beginNode("cpu@" + h); // decimal, as QEMU names them (the spec would say hex)
            w.propertyCells("phandle", cpuPhandle(h));
            w.propertyStrings("device_type", "cpu");
            w.propertyCells("reg", h);
            w.propertyStrings("status", "okay");
            w.propertyStrings("compatible", "riscv");
            w.propertyStrings("riscv,isa", ISA);
            w.propertyStrings("mmu-type", MMU_TYPE);
            w.beginNode("interrupt-controller");
            w.propertyCells("#interrupt-cells", 1);
            w.propertyEmpty("interrupt-controller");
            w.propertyStrings("compatible", "riscv,cpu-intc");
            w.propertyCells("phandle", intcPhandle(h));
            w.endNode();
            w.endNode();
        }
        w.beginNode("cpu-map");
        w.beginNode("cluster0");
        for (int h = 0; h < harts; h++) {
            w.beginNode("core" + h);
            w.propertyCells("cpu", cpuPhandle(h));
            w.endNode();
        }
        w.endNode();
        w.endNode();
        w.endNode();
    }

    /** interrupts-extended: for every hart, its interrupt controller with each of irqs. */
    private static int[] perHart(int harts, int... irqs) {
        int[] cells = new int[harts * irqs.length * 2];
        int i = 0;
        for (int h = 0; h < harts; h++) {
            for (int irq : irqs) {
                cells[i++] = intcPhandle(h);
                cells[i++] = irq;
            }
        }
        return cells;
    }

    private static void reg(FdtWriter w, Region r) {
        w.propertyLongs("reg", r.base(), r.size());
        w.propertyStrings("compatible", r.compatible().toArray(String[]::new));
    }

    private static void soc(FdtWriter w, int harts, int plicPhandle, int testPhandle, boolean trace) {
        w.beginNode("soc");
        w.propertyCells("#address-cells", 2);
        w.propertyCells("#size-cells", 2);
        w.propertyStrings("compatible", "simple-bus");
        w.propertyEmpty("ranges");

        w.beginNode(unitName(MemoryMap.CLINT));
        w.propertyCells("interrupts-extended", perHart(harts, IRQ_M_SOFT, IRQ_M_TIMER));
        reg(w, MemoryMap.CLINT);
        w.endNode();

        w.beginNode(unitName(MemoryMap.PLIC));
        w.propertyCells("phandle", plicPhandle);
        w.propertyCells("riscv,ndev", MemoryMap.PLIC_SOURCES);
        w.propertyCells("interrupts-extended", perHart(harts, IRQ_M_EXT, IRQ_S_EXT));
        w.propertyEmpty("interrupt-controller");
        reg(w, MemoryMap.PLIC);
        w.propertyCells("#address-cells", 0);
        w.propertyCells("#interrupt-cells", 1);
        w.endNode();

        w.beginNode(unitName(MemoryMap.UART0));
        w.propertyCells("interrupts", MemoryMap.UART0.irq());
        w.propertyCells("interrupt-parent", plicPhandle);
        w.propertyCells("clock-frequency", UART_CLOCK_HZ);
        reg(w, MemoryMap.UART0);
        w.endNode();

        w.beginNode(unitName(MemoryMap.VIRTIO0));
        w.propertyCells("interrupts", MemoryMap.VIRTIO0.irq());
        w.propertyCells("interrupt-parent", plicPhandle);
        reg(w, MemoryMap.VIRTIO0);
        w.endNode();

        w.beginNode(unitName(MemoryMap.TEST));
        w.propertyCells("phandle", testPhandle);
        reg(w, MemoryMap.TEST);
        w.endNode();

        if (trace) {
            w.beginNode(unitName(MemoryMap.TRACE));
            reg(w, MemoryMap.TRACE);
            w.endNode();
        }
        w.endNode();
    }
}
