package org.hartbench.core.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hartbench.emulator.internal.bus.MemoryMap;

/**
 * The emulated board's memory map as rows for a table: one row per region of the emulator's
 * {@link MemoryMap}, the single definition of the board. Headless; the Board Map view only shows
 * what this returns.
 */
public final class BoardMapModel {

    /**
     * One row, already formatted the way kernel engineers read a memory map.
     *
     * @param name       device-tree node name with unit address, e.g. "serial@10000000"
     * @param base       "0x1000_0000" (underscores every four hex digits)
     * @param end        last byte, same format
     * @param size       "256 B", "4 KiB", "6 MiB"; RAM's comes from the machine config
     * @param compatible the device tree's compatible strings, comma-separated
     * @param irq        PLIC source number, or "" for none
     */
    public record Row(String name, String base, String end, String size, String compatible, String irq) {
    }

    private BoardMapModel() {
    }

    /** Rows for a machine with ramMiB of RAM, in address order. */
    public static List<Row> rows(int ramMiB) {
        List<Row> rows = new ArrayList<>();
        for (MemoryMap.Region r : MemoryMap.REGIONS) {
            long size = r == MemoryMap.RAM ? (long) ramMiB << 20 : r.size();
            rows.add(new Row(r.name() + "@" + Long.toHexString(r.base()), hex(r.base()), hex(r.base() + size - 1),
                    bytes(size), String.join(", ", r.compatible()), r.irq() == 0 ? "" : Integer.toString(r.irq())));
        }
        return rows;
    }

    /** 0x1000_0000 style: groups of four hex digits, at least eight digits. */
    public static String hex(long value) {
        String digits = String.format(Locale.ROOT, "%08x", value);
        StringBuilder out = new StringBuilder("0x");
        int lead = digits.length() % 4;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 4 == 0) {
                out.append('_');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** A size in the largest binary unit that divides it exactly. */
    public static String bytes(long size) {
        String[] units = { "B", "KiB", "MiB", "GiB" };
        int u = 0;
        while (u < units.length - 1 && size >= 1024 && size % 1024 == 0) {
            size /= 1024;
            u++;
        }
        return size + " " + units[u];
    }
}
