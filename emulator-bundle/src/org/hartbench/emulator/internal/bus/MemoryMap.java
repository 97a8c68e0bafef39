package org.hartbench.emulator.internal.bus;

import java.util.List;

/**
 * The board's memory map: the one definition of where everything is. It follows QEMU's virt
 * board (hw/riscv/virt.c, virt_memmap) so one kernel ELF boots on both; the trace device is
 * Hartbench's own addition at an address QEMU leaves free. The device tree is generated from this
 * table, and a test checks kernel-sources/include/hartbench/board.h against it.
 *
 * <pre>
 *   0x0010_0000  SiFive test finisher   (exit: 0x5555 pass, code<<16|0x3333 fail)
 *   0x0200_0000  CLINT                  (msip, mtimecmp per hart, mtime at 10 MHz)
 *   0x0c00_0000  PLIC                   (context 2h = hart h M-mode, 2h+1 = S-mode)
 *   0x1000_0000  UART 16550             (IRQ 10)
 *   0x1000_1000  virtio-mmio, block     (IRQ 1)
 *   0x1001_0000  hartbench,trace        (Hartbench only)
 *   0x8000_0000  RAM                    (size from the machine config)
 * </pre>
 */
public final class MemoryMap {
    private MemoryMap() {
    }

    /**
     * One region: a device or RAM.
     *
     * @param name       device-tree node name (without the unit address)
     * @param base       physical base
     * @param size       bytes (RAM's is a placeholder; the config decides)
     * @param compatible device-tree compatible strings, most specific first
     * @param irq        PLIC source number, or 0 for none
     */
    public record Region(String name, long base, long size, List<String> compatible, int irq) {
    }

    /** Timebase of mtime and rdtime, in Hz: QEMU virt's timebase-frequency. */
    public static final long TIMEBASE_HZ = 10_000_000L;

    public static final Region TEST = new Region("test", 0x0010_0000L, 0x1000, List.of("sifive,test1", "sifive,test0", "syscon"), 0);
    public static final Region CLINT = new Region("clint", 0x0200_0000L, 0x10000, List.of("sifive,clint0", "riscv,clint0"), 0);
    public static final Region PLIC = new Region("plic", 0x0c00_0000L, 0x60_0000, List.of("sifive,plic-1.0.0", "riscv,plic0"), 0);
    public static final Region UART0 = new Region("serial", 0x1000_0000L, 0x100, List.of("ns16550a"), 10);
    public static final Region VIRTIO0 = new Region("virtio_mmio", 0x1000_1000L, 0x1000, List.of("virtio,mmio"), 1);
    public static final Region TRACE = new Region("trace", 0x1001_0000L, 0x1000, List.of("hartbench,trace"), 0);
    public static final Region RAM = new Region("memory", 0x8000_0000L, 0, List.of(), 0);

    /** All regions, in address order. */
    public static final List<Region> REGIONS = List.of(TEST, CLINT, PLIC, UART0, VIRTIO0, TRACE, RAM);

    /** Number of PLIC interrupt sources QEMU virt declares (riscv,ndev). */
    public static final int PLIC_SOURCES = 95;
}
