package org.hartbench.emulator.internal.board;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.HartSnapshot;

/**
 * Everything a finished run leaves behind, as comparable text: how it ended, the console, the
 * instructions each hart retired, every hart's pc, mode, registers and CSRs, and a hash of the
 * whole RAM. Two runs of a deterministic machine from the same state give equal digests, so a
 * reset machine must give the digest of a fresh one.
 *
 * @param status  kind, code and message of the exit status
 * @param console everything the UART transmitted
 * @param harts   per hart: instructions, pc, mode, x1..x31 and the snapshot's CSRs (sorted by name)
 * @param ram     SHA-256 of all of RAM
 */
record RunDigest(String status, String console, String harts, String ram) {

    static RunDigest of(VirtMachine m, ExitStatus status, String console) {
        StringBuilder harts = new StringBuilder();
        long[] retired = m.instructionsPerHart();
        for (int h = 0; h < retired.length; h++) {
            HartSnapshot s = m.inspector().snapshot(h);
            harts.append(String.format("hart %d: %d instructions, pc 0x%x, %s%n", h, retired[h], s.pc(), s.mode()));
            long[] x = s.x();
            for (int r = 1; r < 32; r++) {
                harts.append(String.format(" %s=%x", HartSnapshot.ABI_NAMES[r], x[r]));
            }
            harts.append('\n');
            for (Map.Entry<String, Long> e : new TreeMap<>(s.csrs()).entrySet()) {
                harts.append(String.format(" %s=%x", e.getKey(), e.getValue()));
            }
            harts.append('\n');
        }
        String how = status.kind() + " " + status.code() + " " + status.message();
        return new RunDigest(how, console, harts.toString(), ramHash(m));
    }

    private static String ramHash(VirtMachine m) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[1 << 20];
            long base = m.ram().base();
            for (long off = 0; off < m.ram().size(); off += chunk.length) {
                int n = (int) Math.min(chunk.length, m.ram().size() - off);
                m.inspector().readPhysical(base + off, chunk, 0, n);
                sha.update(chunk, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
