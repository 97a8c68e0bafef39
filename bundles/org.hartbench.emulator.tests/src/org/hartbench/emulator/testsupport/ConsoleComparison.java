package org.hartbench.emulator.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two console transcripts of a guest program. On a mismatch the failure names the first
 * differing line and, for the register dumps the ISA programs print ("--- dump N ---" then
 * "xNN abi  hex" lines), every register that differs, so a divergence reads as
 * "dump 1 x18 s2: expected ..., was ...".
 */
public final class ConsoleComparison {
    private ConsoleComparison() {
    }

    private static final Pattern DUMP = Pattern.compile("--- dump (\\d+) ---");
    private static final Pattern REGISTER = Pattern.compile("(x\\d\\d \\S+)\\s+([0-9a-f]{16})");

    /** Lines normalised: CR removed (QEMU's -nographic console adds none, a terminal might). */
    private static List<String> lines(String s) {
        return List.of(s.replace("\r", "").split("\n", -1));
    }

    public static void assertSameConsole(String what, String expectedName, String expected, String actualName,
            String actual) {
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        if (e.equals(a)) {
            return;
        }
        StringBuilder msg = new StringBuilder(what + ": console output differs (" + expectedName + " vs " + actualName + ")\n");
        int n = Math.min(e.size(), a.size());
        int first = 0;
        while (first < n && e.get(first).equals(a.get(first))) {
            first++;
        }
        msg.append("first difference at line ").append(first + 1).append(":\n  ").append(expectedName).append(": ")
                .append(first < e.size() ? e.get(first) : "<end>").append("\n  ").append(actualName).append(": ")
                .append(first < a.size() ? a.get(first) : "<end>").append('\n');
        List<String> registers = registerDifferences(e, a, expectedName, actualName);
        if (!registers.isEmpty()) {
            msg.append("register differences:\n");
            registers.forEach(r -> msg.append("  ").append(r).append('\n'));
        }
        msg.append("--- ").append(actualName).append(" ---\n").append(actual);
        fail(msg.toString());
    }

    private static List<String> registerDifferences(List<String> e, List<String> a, String en, String an) {
        List<String> out = new ArrayList<>();
        int n = Math.min(e.size(), a.size());
        String dump = "?";
        for (int i = 0; i < n; i++) {
            Matcher d = DUMP.matcher(e.get(i));
            if (d.matches()) {
                dump = d.group(1);
            }
            Matcher me = REGISTER.matcher(e.get(i));
            Matcher ma = REGISTER.matcher(a.get(i));
            if (me.matches() && ma.matches() && me.group(1).equals(ma.group(1)) && !me.group(2).equals(ma.group(2))) {
                out.add("dump " + dump + " " + me.group(1) + ": " + en + " " + me.group(2) + ", " + an + " " + ma.group(2));
            }
        }
        return out;
    }
}
