package org.hartbench.emulator.internal.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FdtWriterTest {

    @Test
    void headerDescribesTheBlocks() {
        byte[] blob = new FdtWriter().beginNode("").propertyCells("a", 1).endNode().finish(3);
        DtbReader r = new DtbReader(blob);
        DtbReader.Header h = r.header();
        assertEquals(blob.length, h.totalSize());
        assertEquals(17, h.version());
        assertEquals(16, h.lastCompatibleVersion());
        assertEquals(3, h.bootCpu());
        assertEquals(40, h.reserveMapOffset());
        assertEquals(56, h.structOffset(), "after a reservation map holding only its terminator");
        assertEquals(h.structOffset() + h.structSize(), h.stringsOffset());
        assertEquals(h.stringsOffset() + h.stringsSize(), h.totalSize());
        assertTrue(r.reservations().isEmpty());
    }

    @Test
    void propertiesRoundTrip() {
        byte[] blob = new FdtWriter().beginNode("")
                .propertyCells("cells", 1, -2, 0x12345678)
                .propertyLongs("reg", 0x8000_0000L, 0x1000_0000L)
                .propertyStrings("compatible", "a,b", "c")
                .propertyEmpty("flag")
                .property("odd", new byte[] { 1, 2, 3 })
                .beginNode("child@10").propertyStrings("status", "okay").endNode()
                .endNode().finish(0);
        DtbReader r = new DtbReader(blob);
        DtbReader.Node root = r.node("/");
        assertArrayEquals(new int[] { 1, -2, 0x12345678 }, root.cells("cells"));
        assertArrayEquals(new int[] { 0, 0x8000_0000, 0, 0x1000_0000 }, root.cells("reg"));
        assertEquals(List.of("a,b", "c"), root.strings("compatible"));
        assertEquals(0, root.property("flag").orElseThrow().length);
        assertArrayEquals(new byte[] { 1, 2, 3 }, root.property("odd").orElseThrow());
        assertEquals("okay", r.node("/child@10").string("status"));
    }

    @Test
    void propertyNamesAreStoredOnce() {
        byte[] blob = new FdtWriter().beginNode("")
                .beginNode("a").propertyCells("reg", 1).endNode()
                .beginNode("b").propertyCells("reg", 2).endNode()
                .endNode().finish(0);
        DtbReader.Header h = new DtbReader(blob).header();
        assertEquals("reg\0".length(), h.stringsSize());
        assertEquals("reg", new String(blob, h.stringsOffset(), 3, StandardCharsets.US_ASCII));
    }

    @Test
    void tokensAreFourByteAligned() {
        byte[] blob = new FdtWriter().beginNode("").beginNode("abcde").property("x", new byte[5]).endNode().endNode()
                .finish(0);
        ByteBuffer b = ByteBuffer.wrap(blob);
        int s = new DtbReader(blob).header().structOffset();
        // BEGIN_NODE "" (4+4), BEGIN_NODE "abcde\0" (4+8), PROP (12 + 8), END_NODE, END_NODE, END
        assertEquals(FdtWriter.BEGIN_NODE, b.getInt(s));
        assertEquals(FdtWriter.BEGIN_NODE, b.getInt(s + 8));
        assertEquals(FdtWriter.PROP, b.getInt(s + 20));
        assertEquals(FdtWriter.END_NODE, b.getInt(s + 40));
        assertEquals(FdtWriter.END_NODE, b.getInt(s + 44));
        assertEquals(FdtWriter.END, b.getInt(s + 48));
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalStateException.class, () -> new FdtWriter().beginNode("x"), "root must be unnamed");
        assertThrows(IllegalStateException.class, () -> new FdtWriter().beginNode("").beginNode(""));
        assertThrows(IllegalStateException.class, () -> new FdtWriter().propertyCells("a", 1));
        assertThrows(IllegalStateException.class,
                () -> new FdtWriter().beginNode("").beginNode("c").endNode().propertyCells("late", 1));
        assertThrows(IllegalStateException.class, () -> new FdtWriter().beginNode("").finish(0));
        assertThrows(IllegalStateException.class, () -> new FdtWriter().beginNode("").endNode().endNode());
        assertThrows(IllegalStateException.class, () -> new FdtWriter().finish(0));
        FdtWriter done = new FdtWriter().beginNode("").endNode();
        done.finish(0);
        assertThrows(IllegalStateException.class, () -> done.finish(0));
    }
}
