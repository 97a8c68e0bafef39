package org.hartbench.core.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes selected ring events as CSV or as Chrome/Perfetto trace-event JSON. The JSON is written
 * by hand: every value is a number or one of a few fixed ASCII names, so no JSON library is
 * needed.
 *
 * <p>JSON mapping (the "JSON Array / Object format" that chrome://tracing and ui.perfetto.dev
 * open): one event per record. A matched completion is a complete event ("ph":"X") from its
 * submission's time with the latency as duration; a submission, or a completion without a match,
 * is an instant event ("ph":"i", thread scope). Times are microseconds (one tick = 0.1 us); pid
 * and tid are the guest's.
 */
public final class RingExport {
    private RingExport() {
    }

    /** Header of the CSV export; columns in this order. */
    public static final String CSV_HEADER = "seq,time_ticks,kind,cpu,pid,tid,op,cap,user_data,result,latency_ticks";

    /** Writes the header and one line per selected event still held. */
    public static void writeCsv(RingEventStore store, RingEventStore.Selection selection, Writer out)
            throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        try {
            store.forEach(selection, e -> write(out, csvLine(e) + "\n"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One CSV line, without the newline. Op is by name, so it never needs quoting. */
    public static String csvLine(RingEvent e) {
        return e.seq() + "," + e.time() + "," + e.kind() + "," + e.cpu() + "," + e.pid() + "," + e.tid() + ","
                + e.opText() + "," + (e.cap() < 0 ? "" : Integer.toString(e.cap())) + ","
                + Long.toUnsignedString(e.userData()) + "," + (e.kind() == RingEvent.Kind.SQE ? "" : e.result()) + ","
                + (e.latency() < 0 ? "" : Long.toString(e.latency()));
    }

    /** Writes {"traceEvents":[...]} with one event per selected event still held. */
    public static void writePerfettoJson(RingEventStore store, RingEventStore.Selection selection, Writer out)
            throws IOException {
        out.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[");
        boolean[] first = { true };
        try {
            store.forEach(selection, e -> {
                write(out, (first[0] ? "\n" : ",\n") + jsonEvent(e));
                first[0] = false;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.write("\n]}\n");
    }

    /** One trace-event object. */
    public static String jsonEvent(RingEvent e) {
        boolean complete = e.kind() == RingEvent.Kind.CQE && e.latency() >= 0;
        String name = e.opKnown() ? RingOps.opName(e.op()) : e.kind().label;
        StringBuilder b = new StringBuilder(160);
        b.append("{\"name\":").append(quote(name));
        b.append(",\"cat\":").append(quote(e.kind() == RingEvent.Kind.SQE ? "sqe" : "cqe"));
        b.append(",\"ph\":\"").append(complete ? 'X' : 'i').append('"');
        b.append(",\"ts\":").append(micros(complete ? e.time() - e.latency() : e.time()));
        if (complete) {
            b.append(",\"dur\":").append(micros(e.latency()));
        } else {
            b.append(",\"s\":\"t\"");
        }
        b.append(",\"pid\":").append(e.pid()).append(",\"tid\":").append(e.tid());
        b.append(",\"args\":{\"cpu\":").append(e.cpu());
        if (e.cap() >= 0) {
            b.append(",\"cap\":").append(e.cap());
        }
        // user_data is an unsigned 64-bit value: as a string, so no JSON reader rounds it.
        b.append(",\"user_data\":\"").append(Long.toUnsignedString(e.userData())).append('"');
        if (e.kind() == RingEvent.Kind.CQE) {
            b.append(",\"result\":").append(e.result());
        }
        b.append("}}");
        return b.toString();
    }

    /** Ticks of the 10 MHz timebase as microseconds with one decimal, exactly: 123 -> "12.3". */
    public static String micros(long ticks) {
        String sign = ticks < 0 ? "-" : "";
        long t = Math.abs(ticks);
        return sign + t / 10 + "." + t % 10;
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
