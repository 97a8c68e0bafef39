package org.hartbench.emulator.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.testsupport.ConsoleComparison;
import org.hartbench.emulator.testsupport.GuestCase;
import org.hartbench.emulator.testsupport.GuestPrograms;
import org.hartbench.emulator.testsupport.QemuRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same guest ELF on Hartbench's machine and on QEMU: the console output (which carries the
 * ISA programs' register dumps) and the finisher's exit must be identical. Every case runs in
 * both execution modes. QEMU's side is run live when it is installed, and is otherwise its
 * reviewed transcript in guest/expected/ (which {@link QemuGuestProgramTest} keeps equal to QEMU).
 */
class GuestProgramDifferentialTest {

    /** Far more than any case needs (the largest retires well under a million instructions). */
    private static final long INSTRUCTION_LIMIT = 200_000_000L;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (GuestCase c : GuestCase.ALL) {
            for (ExecutionMode m : ExecutionMode.values()) {
                out.add(Arguments.of(c, m));
            }
        }
        return out;
    }

    /** How a run on Hartbench's machine ended. */
    record Run(String console, ExitStatus status) {
    }

    static Run runOnHartbench(GuestCase c, ExecutionMode mode, Path dir) throws IOException, ElfFormatException,
            InterruptedException {
        MachineConfig config = MachineConfig.defaults().withHarts(c.harts()).withRamMiB(GuestCase.RAM_MIB)
                .withMode(mode).withBootArgs(c.bootArgs() == null ? "" : c.bootArgs()).withTrace(false)
                .withMaxInstructions(INSTRUCTION_LIMIT).withTimeout(TIME_LIMIT);
        if (c.disk()) {
            config = config.withDisk(GuestCase.makeDisk(dir, c.name() + "-" + mode + ".img"), c.readOnly());
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Machine m = Machine.create(config)) {
            m.addConsoleListener((b, off, len) -> {
                synchronized (console) {
                    console.write(b, off, len);
                }
            });
            m.load(GuestPrograms.elf(c.program()));
            m.start();
            Optional<ExitStatus> status = m.awaitExit(TIME_LIMIT.plusSeconds(10));
            assertTrue(status.isPresent(), c + " in " + mode + " mode did not end");
            synchronized (console) {
                return new Run(console.toString(StandardCharsets.UTF_8), status.get());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void hartbenchBehavesAsQemu(GuestCase c, ExecutionMode mode) throws Exception {
        Run ours = runOnHartbench(c, mode, dir);
        String reference;
        String referenceName;
        if (QemuRunner.available()) {
            QemuRunner.Result qemu = QemuGuestProgramTest.runOnQemu(c, dir);
            assertEquals(c.exitCode(), qemu.exitCode(), c + ": QEMU's own exit (a broken reference)");
            reference = qemu.console();
            referenceName = "QEMU";
        } else {
            reference = GuestPrograms.expected(c.name());
            referenceName = "QEMU transcript";
        }
        ConsoleComparison.assertSameConsole(c + " (" + mode + ")", referenceName, reference, "Hartbench", ours.console());
        ExitStatus expected = c.exitCode() == 0 ? ExitStatus.pass() : ExitStatus.fail(c.exitCode());
        assertEquals(expected.kind(), ours.status().kind(), c + ": " + ours.status().message());
        assertEquals(expected.code(), ours.status().code(), c + ": finisher code");
    }
}
