package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;

class TraceRecordDecoderTest {

    @Test
    void decodesLittleEndianFieldsAtTheirOffsets() {
        byte[] b = {
                0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // time
                0x09, 0x00, // type 9
                0x03, 0x00, // cpu 3
                0x44, 0x33, 0x22, 0x11, // tid
                0x05, 0x00, 0x00, 0x00, // pid
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, // arg0
                0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80 }; // arg1
        TraceRecord r = TraceRecordDecoder.decode(b, 0);
        assertEquals(0x0102030405060708L, r.time());
        assertEquals(TraceType.SQE_CONSUMED, r.kind());
        assertEquals(3, r.cpu());
        assertEquals(0x11223344, r.tid());
        assertEquals(5, r.pid());
        assertEquals(0xfeffffff, r.arg0());
        assertEquals(0x8070605040302010L, r.arg1());
    }

    @Test
    void sixteenBitFieldsAreUnsigned() {
        byte[] b = new byte[40];
        b[4 + 8] = (byte) 0xff;
        b[4 + 9] = (byte) 0xff;
        b[4 + 10] = (byte) 0xfe;
        b[4 + 11] = (byte) 0xff;
        TraceRecord r = TraceRecordDecoder.decode(b, 4);
        assertEquals(0xffff, r.type());
        assertEquals(0xfffe, r.cpu());
        assertEquals(null, r.kind(), "an unknown type number has no enum constant");
    }

    @Test
    void encodeIsTheInverseOfDecode() {
        TraceRecord r = new TraceRecord(-1L, 14, 31, -5, 7, 0x8000_0000, Long.MIN_VALUE);
        byte[] b = new byte[TraceRecordDecoder.RECORD_SIZE];
        TraceRecordDecoder.encode(r, b, 0);
        assertEquals(r, TraceRecordDecoder.decode(b, 0));
        byte[] again = new byte[TraceRecordDecoder.RECORD_SIZE];
        TraceRecordDecoder.encode(TraceRecordDecoder.decode(b, 0), again, 0);
        assertArrayEquals(b, again);
    }
}
