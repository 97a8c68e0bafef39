package org.hartbench.emulator.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.testsupport.ConsoleComparison;
import org.hartbench.emulator.testsupport.GuestCase;
import org.hartbench.emulator.testsupport.GuestPrograms;
import org.hartbench.emulator.testsupport.QemuRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The QEMU half of the differential tests: every guest case run on qemu-system-riscv64 must
 * print exactly its guest/expected/NAME.txt and exit with its finisher code. This keeps the
 * expected files honest (they are QEMU's behaviour, reviewed by hand against the specification),
 * so the Hartbench half can be compared with them even where QEMU is not installed.
 *
 * <p>After changing a guest program, run this class with {@code -Dhartbench.updateExpected=true}:
 * it then writes QEMU's output into guest/expected/ instead of comparing. Review the diff before
 * committing it; the files are the reference the emulator is held to.
 */
class QemuGuestProgramTest {

    static final List<GuestCase> CASES = GuestCase.ALL;

    @TempDir
    Path dir;

    /** Runs a case on QEMU (the caller has checked that QEMU exists). */
    static QemuRunner.Result runOnQemu(GuestCase c, Path dir) throws IOException {
        List<String> extra = new ArrayList<>();
        if (c.bootArgs() != null) {
            extra.addAll(List.of("-append", c.bootArgs()));
        }
        if (c.disk()) {
            extra.addAll(QemuRunner.diskArgs(GuestCase.makeDisk(dir, c.name() + ".img"), c.readOnly()));
        }
        return QemuRunner.run(GuestPrograms.elf(c.program()), c.harts(), GuestCase.RAM_MIB, Duration.ofSeconds(20), extra);
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void qemuPrintsTheExpectedOutput(GuestCase c) throws IOException {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        QemuRunner.Result r = runOnQemu(c, dir);
        assertFalse(r.timedOut(), c + " did not finish on QEMU; console so far:\n" + r.console());
        if (Boolean.getBoolean("hartbench.updateExpected")) {
            Files.writeString(GuestPrograms.directory().resolve("expected").resolve(c.name() + ".txt"), r.console(),
                    StandardCharsets.UTF_8);
        }
        ConsoleComparison.assertSameConsole(c.name(), "expected", GuestPrograms.expected(c.name()), "QEMU", r.console());
        assertEquals(c.exitCode(), r.exitCode(), c + ": QEMU's exit status (the finisher code); stderr: " + r.stderr());
    }
}
