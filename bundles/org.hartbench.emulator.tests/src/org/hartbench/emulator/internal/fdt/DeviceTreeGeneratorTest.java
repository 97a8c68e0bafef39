package org.hartbench.emulator.internal.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.internal.bus.MemoryMap;
import org.junit.jupiter.api.Test;

class DeviceTreeGeneratorTest {

    private static DtbReader tree(int harts, boolean trace) {
        return new DtbReader(DeviceTreeGenerator.generate(harts, 256L << 20, "console=ttyS0 manifest=smoke", trace));
    }

    private static int[] reg(long base, long size) {
        return new int[] { (int) (base >>> 32), (int) base, (int) (size >>> 32), (int) size };
    }

    @Test
    void rootAndChosen() {
        DtbReader t = tree(1, false);
        assertEquals(2, t.node("/").cell("#address-cells"));
        assertEquals(2, t.node("/").cell("#size-cells"));
        assertEquals(List.of("riscv-virtio"), t.node("/").strings("compatible"));
        assertEquals("console=ttyS0 manifest=smoke", t.node("/chosen").string("bootargs"));
        String stdout = t.node("/chosen").string("stdout-path");
        assertEquals("/soc/serial@10000000", stdout);
        assertEquals(List.of("ns16550a"), t.node(stdout).strings("compatible"), "stdout-path names the UART");
    }

    @Test
    void emptyBootArgsStillGiveTheProperty() {
        DtbReader t = new DtbReader(DeviceTreeGenerator.generate(1, 256L << 20, "", false));
        assertEquals("", t.node("/chosen").string("bootargs"));
    }

    @Test
    void memoryNodeCoversRam() {
        DtbReader t = new DtbReader(DeviceTreeGenerator.generate(1, 1L << 30, "", false));
        DtbReader.Node mem = t.node("/memory@80000000");
        assertEquals("memory", mem.string("device_type"));
        assertArrayEquals(reg(0x8000_0000L, 1L << 30), mem.cells("reg"));
    }

    @Test
    void everyHartHasACpuNodeAndAnInterruptController() {
        int harts = 5;
        DtbReader t = tree(harts, false);
        DtbReader.Node cpus = t.node("/cpus");
        assertEquals(10_000_000, cpus.cell("timebase-frequency"));
        assertEquals(1, cpus.cell("#address-cells"));
        assertEquals(0, cpus.cell("#size-cells"));
        for (int h = 0; h < harts; h++) {
            DtbReader.Node cpu = t.node("/cpus/cpu@" + h);
            assertEquals(h, cpu.cell("reg"));
            assertEquals("cpu", cpu.string("device_type"));
            assertEquals("riscv", cpu.string("compatible"));
            assertEquals("rv64imac_zicsr_zifencei_sstc", cpu.string("riscv,isa"));
            assertEquals("riscv,sv39", cpu.string("mmu-type"));
            assertEquals("okay", cpu.string("status"));
            DtbReader.Node intc = t.node("/cpus/cpu@" + h + "/interrupt-controller");
            assertEquals(1, intc.cell("#interrupt-cells"));
            assertTrue(intc.has("interrupt-controller"));
            assertEquals("riscv,cpu-intc", intc.string("compatible"));
            assertEquals(intc, t.byPhandle(intc.cell("phandle")));
            assertEquals(cpu, t.byPhandle(t.node("/cpus/cpu-map/cluster0/core" + h).cell("cpu")));
        }
        assertFalse(t.nodes().containsKey("/cpus/cpu@5"));
    }

    /** Resolves interrupts-extended into (controller path, irq) pairs. */
    private static List<String> interruptsExtended(DtbReader t, String node) {
        int[] cells = t.node(node).cells("interrupts-extended");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < cells.length; i += 2) {
            out.add(t.byPhandle(cells[i]).path() + " " + cells[i + 1]);
        }
        return out;
    }

    @Test
    void clintAndPlicReachEveryHart() {
        DtbReader t = tree(2, false);
        assertEquals(List.of("/cpus/cpu@0/interrupt-controller 3", "/cpus/cpu@0/interrupt-controller 7",
                "/cpus/cpu@1/interrupt-controller 3", "/cpus/cpu@1/interrupt-controller 7"),
                interruptsExtended(t, "/soc/clint@2000000"));
        assertEquals(List.of("/cpus/cpu@0/interrupt-controller 11", "/cpus/cpu@0/interrupt-controller 9",
                "/cpus/cpu@1/interrupt-controller 11", "/cpus/cpu@1/interrupt-controller 9"),
                interruptsExtended(t, "/soc/plic@c000000"), "context 2h is M-mode (11), 2h+1 S-mode (9)");
        DtbReader.Node plic = t.node("/soc/plic@c000000");
        assertEquals(95, plic.cell("riscv,ndev"));
        assertEquals(1, plic.cell("#interrupt-cells"));
        assertTrue(plic.has("interrupt-controller"));
        assertArrayEquals(reg(0x0c00_0000L, 0x60_0000L), plic.cells("reg"));
        assertArrayEquals(reg(0x0200_0000L, 0x1_0000L), t.node("/soc/clint@2000000").cells("reg"));
    }

    @Test
    void devicesComeFromTheMemoryMap() {
        DtbReader t = tree(1, true);
        assertEquals("simple-bus", t.node("/soc").string("compatible"));
        int plic = t.node("/soc/plic@c000000").cell("phandle");
        for (MemoryMap.Region r : List.of(MemoryMap.TEST, MemoryMap.CLINT, MemoryMap.PLIC, MemoryMap.UART0,
                MemoryMap.VIRTIO0, MemoryMap.TRACE)) {
            DtbReader.Node n = t.node("/soc/" + r.name() + "@" + Long.toHexString(r.base()));
            assertArrayEquals(reg(r.base(), r.size()), n.cells("reg"), r.name());
            assertEquals(r.compatible(), n.strings("compatible"), r.name());
            if (r.irq() != 0) {
                assertEquals(r.irq(), n.cell("interrupts"), r.name());
                assertEquals(plic, n.cell("interrupt-parent"), r.name());
            }
        }
        assertEquals(0x384000, t.node("/soc/serial@10000000").cell("clock-frequency"));
        assertEquals(10, t.node("/soc/serial@10000000").cell("interrupts"));
        assertEquals(1, t.node("/soc/virtio_mmio@10001000").cell("interrupts"));
    }

    @Test
    void poweroffAndRebootUseTheFinisher() {
        DtbReader t = tree(1, false);
        DtbReader.Node test = t.node("/soc/test@100000");
        assertEquals(test, t.byPhandle(t.node("/poweroff").cell("regmap")));
        assertEquals(0x5555, t.node("/poweroff").cell("value"));
        assertEquals(test, t.byPhandle(t.node("/reboot").cell("regmap")));
        assertEquals(0x7777, t.node("/reboot").cell("value"));
    }

    @Test
    void traceNodeOnlyWhenTracing() {
        assertTrue(tree(1, true).nodes().containsKey("/soc/trace@10010000"));
        assertEquals(List.of("hartbench,trace"), tree(1, true).node("/soc/trace@10010000").strings("compatible"));
        assertFalse(tree(1, false).nodes().containsKey("/soc/trace@10010000"));
    }

    @Test
    void thirtyTwoHartsFitAndTheOutputIsReproducible() {
        byte[] a = DeviceTreeGenerator.generate(32, 256L << 20, "x", true);
        byte[] b = DeviceTreeGenerator.generate(32, 256L << 20, "x", true);
        assertArrayEquals(a, b);
        assertEquals(64 * 2, new DtbReader(a).node("/soc/plic@c000000").cells("interrupts-extended").length);
        assertThrows(IllegalArgumentException.class, () -> DeviceTreeGenerator.generate(33, 256L << 20, "", false));
        assertThrows(IllegalArgumentException.class, () -> DeviceTreeGenerator.generate(0, 256L << 20, "", false));
    }

    @Test
    void generatedFromAMachineConfig() {
        MachineConfig c = MachineConfig.defaults().withHarts(3).withRamMiB(512).withBootArgs("a=b").withTrace(false);
        DtbReader t = new DtbReader(DeviceTreeGenerator.generate(c));
        assertTrue(t.nodes().containsKey("/cpus/cpu@2"));
        assertArrayEquals(reg(0x8000_0000L, 512L << 20), t.node("/memory@80000000").cells("reg"));
        assertEquals("a=b", t.node("/chosen").string("bootargs"));
        assertFalse(t.nodes().containsKey("/soc/trace@10010000"));
    }

    @Test
    void loadAddressFollowsQemu() {
        assertEquals(0x8fe0_0000L, DeviceTreeGenerator.loadAddress(256L << 20, 4590));
        assertEquals(0x8fe0_0000L, DeviceTreeGenerator.loadAddress(256L << 20, 1 << 20));
        assertEquals(0x8fc0_0000L, DeviceTreeGenerator.loadAddress(256L << 20, (2 << 20) + 1));
        assertEquals(0xbfe0_0000L, DeviceTreeGenerator.loadAddress(4096L << 20, 4590), "kept below 3 GiB");
    }
}
