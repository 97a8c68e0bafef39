package org.hartbench.core.scaling;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.TraceRecord;

/**
 * A run's trace on disk: the records one after another, each 32 bytes little-endian in exactly
 * the layout of kernel-sources/include/hartbench/trace.h, in the order the harness received them.
 * No header, so any tool that knows the kernel's record layout reads it.
 */
public final class TraceFile {

    public static final int RECORD_SIZE = 32;

    private TraceFile() {
    }

    public static void write(Path file, List<TraceRecord> records) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (TraceRecord r : records) {
                b.clear();
                b.putLong(r.time()).putShort((short) r.type()).putShort((short) r.cpu()).putInt(r.tid()).putInt(r.pid())
                        .putInt(r.arg0()).putLong(r.arg1());
                out.write(b.array());
            }
        }
    }

    /** Reads a file written by {@link #write}; IOException if its size is not a whole number of records. */
    public static List<TraceRecord> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length % RECORD_SIZE != 0) {
            throw new IOException(file + " is not a trace file: " + all.length + " bytes is not a multiple of "
                    + RECORD_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<TraceRecord> records = new ArrayList<>(all.length / RECORD_SIZE);
        while (b.hasRemaining()) {
            long time = b.getLong();
            int type = Short.toUnsignedInt(b.getShort());
            int cpu = Short.toUnsignedInt(b.getShort());
            records.add(new TraceRecord(time, type, cpu, b.getInt(), b.getInt(), b.getInt(), b.getLong()));
        }
        return records;
    }
}
