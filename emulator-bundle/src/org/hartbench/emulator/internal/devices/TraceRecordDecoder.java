package org.hartbench.emulator.internal.devices;

import org.hartbench.emulator.api.TraceRecord;

/**
 * The byte layout of a trace record and of a per-cpu trace ring, as
 * kernel-sources/include/hartbench/trace.h defines them (that header is the single definition; a
 * test reads it and checks every number here). All fields little-endian:
 * <pre>
 *   record (32 bytes): time u64 @0, type u16 @8, cpu u16 @10, tid u32 @12, pid u32 @16, arg0 u32 @20, arg1 u64 @24
 *   ring: head u64 @0 (records ever written), 56 reserved bytes, then the records from byte 64
 * </pre>
 */
public final class TraceRecordDecoder {
    private TraceRecordDecoder() {
    }

    /** TRACE_VERSION: the layout this decoder reads. */
    public static final int VERSION = 1;
    /** TRACE_RECORD_SIZE. */
    public static final int RECORD_SIZE = 32;

    public static final int TIME_OFFSET = 0;
    public static final int TYPE_OFFSET = 8;
    public static final int CPU_OFFSET = 10;
    public static final int TID_OFFSET = 12;
    public static final int PID_OFFSET = 16;
    public static final int ARG0_OFFSET = 20;
    public static final int ARG1_OFFSET = 24;

    /** Offset of struct trace_ring's head, and the size of its header (records follow it). */
    public static final int RING_HEAD_OFFSET = 0;
    public static final int RING_HEADER_SIZE = 64;

    /** Decodes the record at buf[offset .. offset + RECORD_SIZE). */
    public static TraceRecord decode(byte[] buf, int offset) {
        return new TraceRecord(
                le64(buf, offset + TIME_OFFSET),
                le16(buf, offset + TYPE_OFFSET),
                le16(buf, offset + CPU_OFFSET),
                le32(buf, offset + TID_OFFSET),
                le32(buf, offset + PID_OFFSET),
                le32(buf, offset + ARG0_OFFSET),
                le64(buf, offset + ARG1_OFFSET));
    }

    /** Encodes a record in the same layout: the inverse of decode, for tests and tools. */
    public static void encode(TraceRecord r, byte[] buf, int offset) {
        put(buf, offset + TIME_OFFSET, r.time(), 8);
        put(buf, offset + TYPE_OFFSET, r.type(), 2);
        put(buf, offset + CPU_OFFSET, r.cpu(), 2);
        put(buf, offset + TID_OFFSET, r.tid(), 4);
        put(buf, offset + PID_OFFSET, r.pid(), 4);
        put(buf, offset + ARG0_OFFSET, r.arg0(), 4);
        put(buf, offset + ARG1_OFFSET, r.arg1(), 8);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }

    private static long le64(byte[] b, int i) {
        return Integer.toUnsignedLong(le32(b, i)) | (long) le32(b, i + 4) << 32;
    }

    private static void put(byte[] b, int i, long v, int bytes) {
        for (int k = 0; k < bytes; k++) {
            b[i + k] = (byte) (v >>> (8 * k));
        }
    }
}
