package org.hartbench.emulator.cli;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hartbench.emulator.testsupport.Asm;
import org.hartbench.emulator.testsupport.TinyElf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hartbench emu: options, console on stdin/stdout, exit statuses, --stats, and one-line errors
 * (exit 2) for usage mistakes and files that are not RV64 executables.
 */
class EmulatorMainTest {

    private static final long FINISHER = 0x10_0000L;
    private static final long UART = 0x1000_0000L;

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EmulatorMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path elf(String name, Asm program) throws IOException {
        return TinyElf.write(dir.resolve(name + ".elf"), program);
    }

    /** Prints "hi", then finishes with the given finisher value. */
    private Path finishing(long value) throws IOException {
        Asm a = new Asm(0x8000_0000L).li(T0, UART).li(T1, 'h').sb(T1, T0, 0).li(T1, 'i').sb(T1, T0, 0);
        a.li(T0, FINISHER).li(T1, value).sw(T1, T0, 0).spin();
        return elf("finish-" + value, a);
    }

    private static void assertOneLineError(Result r) {
        assertEquals(EmulatorMain.USAGE_ERROR, r.status());
        assertTrue(r.err().startsWith("hartbench emu: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertOneLineError(run("", new String[0]));
        assertOneLineError(run("", "--bogus", "x.elf"));
        assertOneLineError(run("", "--smp", "40", "x.elf"));
        assertOneLineError(run("", "--smp", "two", "x.elf"));
        assertOneLineError(run("", "--mode", "fast", "x.elf"));
        assertOneLineError(run("", "--max-insns", "-5", "x.elf"));
        assertOneLineError(run("", "--timeout", "soon", "x.elf"));
        assertOneLineError(run("", "--mem", "4096", "x.elf"));
        assertOneLineError(run("", "--smp"));
        assertOneLineError(run("", "a.elf", "b.elf"));
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: hartbench emu"), r.out());
        assertTrue(r.out().contains("--disk-ro"));
    }

    @Test
    void filesThatAreNotExecutablesAreExplained() throws IOException {
        Result missing = run("", dir.resolve("nope.elf").toString());
        assertOneLineError(missing);
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path text = Files.writeString(dir.resolve("text.elf"), "hello, not an ELF");
        Result bad = run("", text.toString());
        assertOneLineError(bad);
        assertTrue(bad.err().contains("not an ELF"), bad.err());
    }

    @Test
    void passAndFailBecomeTheExitStatus() throws IOException {
        Result pass = run("", finishing(0x5555).toString());
        assertEquals(0, pass.status(), pass.err());
        assertEquals("hi", pass.out());
        Result fail = run("", "--smp", "2", "--mode", "parallel", finishing(7L << 16 | 0x3333).toString());
        assertEquals(7, fail.status());
    }

    @Test
    void instructionLimitAndTimeoutExit124() throws IOException {
        Path endless = elf("endless", new Asm(0x8000_0000L).label("l").j("l"));
        Result limit = run("", "--max-insns", "5000", endless.toString());
        assertEquals(124, limit.status());
        assertTrue(limit.err().contains("instruction limit"), limit.err());
        Result timeout = run("", "--timeout", "0.2", "--mode", "parallel", endless.toString());
        assertEquals(124, timeout.status());
        assertTrue(timeout.err().contains("timeout"), timeout.err());
    }

    @Test
    void statsReportEveryHartAndTheTotal() throws IOException {
        Result r = run("", "--stats", "--smp", "2", "--no-trace", finishing(0x5555).toString());
        assertEquals(0, r.status());
        assertTrue(r.err().contains("hart 0: ") && r.err().contains("hart 1: "), r.err());
        assertTrue(r.err().matches("(?s).*total: \\d+ instructions in [0-9.]+ s, [0-9.]+ MIPS.*"), r.err());
    }

    @Test
    void stdinReachesTheUart() throws IOException {
        // Poll the line status register for data, echo one byte, pass.
        Asm a = new Asm(0x8000_0000L).li(T0, UART).label("poll").lbu(T1, T0, 5).andi(T1, T1, 1).beqz(T1, "poll");
        a.lbu(T2, T0, 0).sb(T2, T0, 0).li(T0, FINISHER).li(T1, 0x5555).sw(T1, T0, 0).spin();
        Result r = run("Z", "--timeout", "20", elf("echo", a).toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("Z", r.out());
    }
}
