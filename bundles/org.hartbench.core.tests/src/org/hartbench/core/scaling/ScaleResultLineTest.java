package org.hartbench.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleResultLineTest {

    static final String LINE = "scale-result demo=thread workers=2 cpus=2 lo=2 hi=2000000 count=148933 "
            + "checksum=0x1b30b15cc26a4422 t0=1831400 t1=4166800 ticks=2335400 timebase=rdtime@10MHz verdict=ok";

    @Test
    void findsTheLineInAConsoleLog() {
        String log = "boot\r\nmanifest thread-scale: starting\n" + LINE + "\nmanifest thread-scale: PASS\n";
        ScaleResultLine l = ScaleResultLine.find(log).orElseThrow();
        assertEquals("thread", l.demo());
        assertEquals(2, l.workers());
        assertEquals(2, l.cpus());
        assertEquals(148933, l.count());
        assertEquals(0x1b30b15cc26a4422L, l.checksum());
        assertEquals(2335400, l.ticks());
        assertEquals(10_000_000, l.timebaseHz());
        assertEquals("ok", l.verdict());
        assertTrue(ScaleResultLine.find("no result here\n").isEmpty());
    }

    @Test
    void malformedLinesSayWhatIsWrong() {
        assertEquals("scale-result line has no count=", assertThrows(IllegalArgumentException.class,
                () -> ScaleResultLine.parse(LINE.replace("count=148933 ", ""))).getMessage());
        assertEquals("scale-result ticks=x is not a number", assertThrows(IllegalArgumentException.class,
                () -> ScaleResultLine.parse(LINE.replace("ticks=2335400", "ticks=x"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScaleResultLine.parse(LINE.replace("ticks=2335400", "ticks=5"))).getMessage()
                .startsWith("scale-result times disagree"));
        assertThrows(IllegalArgumentException.class, () -> ScaleResultLine.find("x scale-result demo=thread oops"));
        assertEquals(-1, ScaleResultLine.parse(LINE.replace("rdtime@10MHz", "rdtime")).timebaseHz());
    }
}
