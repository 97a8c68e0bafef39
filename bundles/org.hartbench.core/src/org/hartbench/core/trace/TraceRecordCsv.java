package org.hartbench.core.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;

/**
 * Saved trace records as CSV, one record a line: {@code time,type,cpu,tid,pid,arg0,arg1}, with the
 * type by its trace.h name without "TR_" (SWITCH, IPI_SEND, ...) or by number, arg0 as a signed
 * 32-bit value and arg1 as a signed 64-bit one. Lines starting with '#' and blank lines are
 * skipped, so hand-written traces can carry comments. Golden-file tests and saved sessions use it.
 */
public final class TraceRecordCsv {
    private TraceRecordCsv() {
    }

    public static final String HEADER = "time,type,cpu,tid,pid,arg0,arg1";

    /** Writes the header and the records. */
    public static void write(List<TraceRecord> records, Writer out) throws IOException {
        out.write(HEADER + "\n");
        for (TraceRecord r : records) {
            TraceType t = r.kind();
            out.write(r.time() + "," + (t == null ? Integer.toString(r.type()) : t.name()) + "," + r.cpu() + ","
                    + r.tid() + "," + r.pid() + "," + r.arg0() + "," + r.arg1() + "\n");
        }
    }

    /**
     * Reads records written by {@link #write} or by hand.
     *
     * @throws IOException with the line number and what is wrong on a malformed line
     */
    public static List<TraceRecord> read(Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        List<TraceRecord> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals(HEADER)) {
                continue;
            }
            String[] f = t.split(",", -1);
            if (f.length != 7) {
                throw new IOException("line " + number + ": expected 7 fields (" + HEADER + "), found " + f.length);
            }
            try {
                out.add(new TraceRecord(Long.parseLong(f[0].strip()), type(f[1].strip()),
                        Integer.parseInt(f[2].strip()), Integer.parseInt(f[3].strip()), Integer.parseInt(f[4].strip()),
                        (int) Long.parseLong(f[5].strip()), Long.parseLong(f[6].strip())));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + number + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static int type(String text) {
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("TR_")) {
            name = name.substring(3);
        }
        for (TraceType t : TraceType.values()) {
            if (t.name().equals(name)) {
                return t.number;
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown record type '" + text + "'");
        }
    }
}
