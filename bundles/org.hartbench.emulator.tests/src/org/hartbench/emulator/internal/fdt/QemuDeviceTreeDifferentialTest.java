package org.hartbench.emulator.internal.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hartbench.emulator.testsupport.QemuRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the generated device tree with the one QEMU's virt board builds for the same machine
 * (1, 2 and 12 harts, 256 MiB, the same -append). Every node we generate must exist in QEMU's tree
 * with the same properties (phandles resolved to the nodes they name), apart from the differences
 * listed in {@link #intended}; and every node of QEMU's that a kernel for this board uses must exist
 * in ours with all of QEMU's properties. Skipped when qemu-system-riscv64 is not installed.
 */
class QemuDeviceTreeDifferentialTest {

    private static final String BOOTARGS = "console=ttyS0 hartbench.manifest=smoke";

    /**
     * Deliberate differences. The model names the board. The harts implement less than QEMU's
     * default cpu (no F/D/H/B, Sv39 rather than Sv48). QEMU 7.2 puts its source count (96,
     * counting the reserved source 0) in riscv,ndev, where the binding asks for the highest
     * source number: 95.
     */
    private static boolean intended(String path, String key) {
        return (path.equals("/") && key.equals("model"))
                || (path.matches("/cpus/cpu@\\d+") && (key.equals("riscv,isa") || key.equals("mmu-type")))
                || (path.equals("/soc/plic@c000000") && key.equals("riscv,ndev"));
    }

    /** QEMU properties we leave out: a random seed would make runs differ. */
    private static final Set<String> NOT_GENERATED = Set.of("/chosen rng-seed");

    /** Nodes that exist only on Hartbench's board. */
    private static final Set<String> HARTBENCH_ONLY = Set.of("/soc/trace@10010000");

    /** QEMU nodes a kernel for this board relies on: ours must have them all (and the per-hart ones). */
    private static final List<String> REQUIRED = List.of("/", "/chosen", "/memory@80000000", "/cpus", "/cpus/cpu-map",
            "/cpus/cpu-map/cluster0", "/soc", "/soc/clint@2000000", "/soc/plic@c000000", "/soc/serial@10000000",
            "/soc/virtio_mmio@10001000", "/soc/test@100000", "/poweroff", "/reboot");

    private static List<String> required(int harts) {
        List<String> all = new ArrayList<>(REQUIRED);
        for (int h = 0; h < harts; h++) {
            all.addAll(List.of("/cpus/cpu@" + h, "/cpus/cpu@" + h + "/interrupt-controller",
                    "/cpus/cpu-map/cluster0/core" + h));
        }
        return all;
    }

    /** Properties whose cells hold phandles, and the stride of the (phandle, args...) groups. */
    private static final Map<String, Integer> PHANDLE_STRIDE = Map.of("interrupt-parent", 1, "regmap", 1, "cpu", 1,
            "interrupts-extended", 2);

    @TempDir
    Path dir;

    private DtbReader qemu;
    private DtbReader ours;

    private void dump(int harts) throws IOException {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        qemu = new DtbReader(QemuRunner.dumpDtb(harts, 256, BOOTARGS, dir));
        ours = new DtbReader(DeviceTreeGenerator.generate(harts, 256L << 20, BOOTARGS, true));
    }

    /** A property value in comparable form: phandles replaced by the paths they name. */
    private static String describe(DtbReader t, DtbReader.Node n, String key) {
        byte[] v = n.property(key).orElseThrow();
        Integer stride = PHANDLE_STRIDE.get(key);
        if (stride != null) {
            int[] cells = n.cells(key);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                parts.add(i % stride == 0 ? t.byPhandle(cells[i]).path() : Integer.toString(cells[i]));
            }
            return String.join(" ", parts);
        }
        if (v.length > 0 && v[v.length - 1] == 0 && v[0] != 0 && printable(v)) {
            return String.join("|", n.strings(key));
        }
        return HexFormat.of().formatHex(v);
    }

    private static boolean printable(byte[] v) {
        for (byte b : v) {
            if (b != 0 && (b < 32 || b > 126)) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0} harts")
    @ValueSource(ints = { 1, 2, 12 })
    void everyGeneratedNodeMatchesQemu(int harts) throws IOException {
        dump(harts);
        List<String> mismatches = new ArrayList<>();
        for (DtbReader.Node n : ours.nodes().values()) {
            if (HARTBENCH_ONLY.contains(n.path())) {
                continue;
            }
            DtbReader.Node q = qemu.nodes().get(n.path());
            if (q == null) {
                mismatches.add(n.path() + " does not exist in QEMU's tree");
                continue;
            }
            for (String key : n.properties().keySet()) {
                if (key.equals("phandle") || intended(n.path(), key)) {
                    continue;
                }
                if (!q.has(key)) {
                    mismatches.add(n.path() + " " + key + ": QEMU has no such property");
                    continue;
                }
                String a = describe(ours, n, key);
                String b = describe(qemu, q, key);
                if (!a.equals(b)) {
                    mismatches.add(n.path() + " " + key + ": ours " + a + ", QEMU " + b);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @ParameterizedTest(name = "{0} harts")
    @ValueSource(ints = { 1, 2, 12 })
    void everyNodeAKernelNeedsIsGeneratedWithAllOfQemusProperties(int harts) throws IOException {
        dump(harts);
        List<String> missing = new ArrayList<>();
        for (String path : required(harts)) {
            DtbReader.Node q = qemu.node(path);
            DtbReader.Node n = ours.nodes().get(path);
            if (n == null) {
                missing.add(path);
                continue;
            }
            for (String key : q.properties().keySet()) {
                if (!n.has(key) && !NOT_GENERATED.contains(path + " " + key)) {
                    missing.add(path + " " + key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theIntendedDifferencesAreReal() throws IOException {
        // If QEMU ever agrees, the exceptions should go: keep them honest.
        dump(2);
        for (String[] entry : new String[][] { { "/", "model" }, { "/cpus/cpu@1", "riscv,isa" },
                { "/cpus/cpu@1", "mmu-type" }, { "/soc/plic@c000000", "riscv,ndev" } }) {
            assertTrue(intended(entry[0], entry[1]));
            String a = describe(ours, ours.node(entry[0]), entry[1]);
            String b = describe(qemu, qemu.node(entry[0]), entry[1]);
            assertTrue(!a.equals(b), entry[0] + " " + entry[1] + " is listed as a difference but both say " + a);
        }
        assertEquals(95, ours.node("/soc/plic@c000000").cell("riscv,ndev"));
    }

    @Test
    void timebaseAndBootArgumentsAgree() throws IOException {
        dump(2);
        assertEquals(qemu.node("/cpus").cell("timebase-frequency"), ours.node("/cpus").cell("timebase-frequency"));
        assertEquals(BOOTARGS, qemu.node("/chosen").string("bootargs"));
        assertEquals(BOOTARGS, ours.node("/chosen").string("bootargs"));
        Set<String> qemuCpus = new TreeSet<>();
        for (String p : qemu.nodes().keySet()) {
            if (p.matches("/cpus/cpu@\\d+")) {
                qemuCpus.add(p);
            }
        }
        assertEquals(Set.of("/cpus/cpu@0", "/cpus/cpu@1"), qemuCpus);
    }
}
