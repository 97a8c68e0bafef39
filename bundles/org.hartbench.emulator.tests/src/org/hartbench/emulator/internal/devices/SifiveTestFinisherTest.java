package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.devices.SifiveTest.Finish;
import org.hartbench.emulator.internal.devices.SifiveTest.Kind;
import org.junit.jupiter.api.Test;

/** The SiFive test finisher (class name avoids "SifiveTestTest"). */
class SifiveTestFinisherTest {

    private final List<Finish> finishes = new ArrayList<>();
    private final SifiveTest finisher = new SifiveTest(finishes::add);

    @Test
    void passFailAndResetAreReported() {
        finisher.write(0, 4, 0x5555);
        finisher.write(0, 4, (42 << 16) | 0x3333);
        finisher.write(0, 4, 0x7777);
        assertEquals(List.of(new Finish(Kind.PASS, 0), new Finish(Kind.FAIL, 42), new Finish(Kind.RESET, 0)), finishes);
    }

    @Test
    void failCodeTakesTheUpperSixteenBits() {
        finisher.write(0, 4, 0xffff_3333L);
        assertEquals(new Finish(Kind.FAIL, 0xffff), finishes.get(0));
        assertEquals(255, finishes.get(0).toExitStatus().processExitCode());
    }

    @Test
    void halfWordStoresWork() {
        finisher.write(0, 2, 0x5555);
        assertEquals(Kind.PASS, finishes.get(0).kind());
    }

    @Test
    void otherValuesAndOffsetsAreIgnored() {
        finisher.write(0, 4, 0x1234);
        finisher.write(0, 4, 0x5554);
        finisher.write(4, 4, 0x5555);
        assertTrue(finishes.isEmpty());
        assertEquals(0, finisher.read(0, 4));
    }

    @Test
    void accessRules() {
        assertTrue(finisher.accepts(0, 4));
        assertTrue(finisher.accepts(0, 2));
        assertFalse(finisher.accepts(0, 1));
        assertFalse(finisher.accepts(0, 8));
        assertFalse(finisher.accepts(2, 4));
        assertFalse(finisher.accepts(0x1000, 4));
    }

    @Test
    void exitStatusMapping() {
        assertEquals(ExitStatus.Kind.PASS, new Finish(Kind.PASS, 0).toExitStatus().kind());
        ExitStatus fail = new Finish(Kind.FAIL, 3).toExitStatus();
        assertEquals(ExitStatus.Kind.FAIL, fail.kind());
        assertEquals(3, fail.code());
        assertThrows(IllegalStateException.class, () -> new Finish(Kind.RESET, 0).toExitStatus());
    }
}
