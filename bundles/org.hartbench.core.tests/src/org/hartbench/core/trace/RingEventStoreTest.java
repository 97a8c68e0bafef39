package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.api.TraceType;
import org.junit.jupiter.api.Test;

/** The Ring Trace view's store: matching, filters, bounds, pause and both exports. */
class RingEventStoreTest {

    private static RingEventStore fed(String records) throws Exception {
        RingEventStore s = new RingEventStore();
        Golden.feed(KernelTraces.records(records), s);
        return s;
    }

    private static String csv(RingEventStore s, RingFilter f) throws Exception {
        StringWriter w = new StringWriter();
        RingExport.writeCsv(s, s.select(f), w);
        return w.toString();
    }

    private static String json(RingEventStore s, RingFilter f) throws Exception {
        StringWriter w = new StringWriter();
        RingExport.writePerfettoJson(s, s.select(f), w);
        return w.toString();
    }

    @Test
    void handWrittenTraceGivesHandWrittenExports() throws Exception {
        RingEventStore s = fed("trace/tiny.records.csv");
        assertEquals(3, s.size(), "only SQE consumed and CQE posted records are kept");
        Golden.assertMatches("trace/tiny.rings.csv", csv(s, RingFilter.ALL));
        Golden.assertMatches("trace/tiny.perfetto.json", json(s, RingFilter.ALL));
        RingEvent timedOut = s.get(2);
        assertEquals("-10 (E_TIMEDOUT)", timedOut.resultText());
        assertEquals("", timedOut.latencyText());
        assertEquals("3.0", s.get(1).latencyText());
    }

    @Test
    void realRingSmokeMatchesEveryCompletionAndItsGoldenExports() throws Exception {
        List<TraceRecord> records = KernelTraces.records("trace/ring-smp2.records.csv");
        RingEventStore s = new RingEventStore();
        Golden.feed(records, s);
        long sqes = records.stream().filter(r -> r.kind() == TraceType.SQE_CONSUMED).count();
        long cqes = records.stream().filter(r -> r.kind() == TraceType.CQE_POSTED).count();
        assertEquals(sqes + cqes, s.size());
        java.util.Map<String, RingEvent> submissions = new java.util.HashMap<>();
        long[] matched = { 0 };
        s.forEach(s.select(RingFilter.ALL), e -> {
            String key = e.pid() + "/" + e.userData() + "@";
            if (e.kind() == RingEvent.Kind.SQE) {
                submissions.put(key + e.time(), e);
            } else if (e.latency() >= 0) {
                matched[0]++;
                RingEvent sqe = submissions.get(key + (e.time() - e.latency()));
                assertTrue(sqe != null, "a submission at the completion's time minus its latency: " + e);
                assertEquals(sqe.op(), e.op(), "a matched completion carries its submission's op");
                assertEquals(sqe.cap(), e.cap());
            }
        });
        assertTrue(matched[0] > cqes / 2, matched[0] + " of " + cqes + " completions matched a submission");
        Golden.assertMatches("trace/ring-smp2.rings.csv", csv(s, RingFilter.ALL));
        Golden.assertMatches("trace/ring-smp2.perfetto.json", json(s, RingFilter.ALL));
    }

    @Test
    void filtersSelectWhatTheRecordsSay() throws Exception {
        List<TraceRecord> records = KernelTraces.records("trace/thread-smp2.records.csv");
        RingEventStore s = new RingEventStore();
        Golden.feed(records, s);
        List<TraceRecord> ring = records.stream()
                .filter(r -> r.kind() == TraceType.SQE_CONSUMED || r.kind() == TraceType.CQE_POSTED).toList();
        assertEquals(ring.size(), s.select(RingFilter.ALL).size());
        assertEquals(ring.stream().filter(r -> r.cpu() == 1).count(), s.select(new RingFilter(-1, -1, 1, -1)).size());
        int someTid = ring.get(ring.size() / 2).tid();
        assertEquals(ring.stream().filter(r -> r.tid() == someTid).count(),
                s.select(new RingFilter(-1, someTid, -1, -1)).size());
        assertEquals(ring.stream().filter(r -> r.pid() == 1).count(), s.select(RingFilter.parse("1", "", "", "")).size());
        long callSqes = ring.stream().filter(r -> r.kind() == TraceType.SQE_CONSUMED && r.arg0() >>> 24 == 2).count();
        RingEventStore.Selection call = s.select(RingFilter.parse("", "", "", "call"));
        assertTrue(callSqes > 0, "the thread smoke makes calls");
        long[] callCounts = new long[2];
        s.forEach(call, e -> {
            callCounts[e.kind().ordinal()]++;
            assertEquals(2, e.op());
        });
        assertEquals(callSqes, callCounts[0], "the op filter keeps every CALL submission");
        assertTrue(callCounts[1] > 0, "and the completions matched to them");
        assertTrue(call.size() < ring.size(), "the op filter reduces the list");
    }

    @Test
    void boundedStoreDropsTheOldestAndCountsThem() {
        RingEventStore s = new RingEventStore(1000);
        for (int i = 0; i < 2500; i++) {
            s.onRecord(new TraceRecord(i, TraceType.SQE_CONSUMED.number, 0, 5, 1, 1 << 24, i));
        }
        assertEquals(1000, s.size());
        assertEquals(1500, s.dropped());
        assertEquals(2500, s.captured());
        assertNull(s.get(1499), "dropped");
        assertEquals(1500, s.get(1500).userData());
        long[] seqs = s.select(RingFilter.ALL).seqs();
        assertEquals(1500, seqs[0]);
        assertEquals(2499, seqs[seqs.length - 1]);
    }

    @Test
    void pausedCaptureKeepsNothingAndCountsWhatItSkipped() {
        RingEventStore s = new RingEventStore();
        s.onRecord(new TraceRecord(1, TraceType.SQE_CONSUMED.number, 0, 5, 1, 1 << 24, 1));
        s.setCapturing(false);
        s.onRecord(new TraceRecord(2, TraceType.CQE_POSTED.number, 0, 5, 1, 0, 1));
        s.onRecord(new TraceRecord(3, TraceType.SWITCH.number, 0, 5, 1, 0, 1)); // not a ring record: not counted
        s.setCapturing(true);
        s.onRecord(new TraceRecord(4, TraceType.SQE_CONSUMED.number, 0, 5, 1, 1 << 24, 2));
        assertEquals(2, s.size());
        assertEquals(1, s.skippedWhilePaused());
        s.clear();
        assertEquals(0, s.size());
    }

    /** A million events: ingestion and a filter over all of them stay fast. */
    @Test
    void aMillionEventsIngestAndFilterQuickly() {
        RingEventStore s = new RingEventStore();
        int n = 1_200_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += 2) {
            int op = 1 + (i / 2) % 5;
            s.onRecord(new TraceRecord(i, TraceType.SQE_CONSUMED.number, i % 4, 10 + i % 8, 1 + i % 3, op << 24, i));
            s.onRecord(new TraceRecord(i + 1, TraceType.CQE_POSTED.number, i % 4, 10 + i % 8, 1 + i % 3, 0, i));
        }
        long ingestMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(RingEventStore.DEFAULT_CAPACITY, s.size());
        assertEquals(n - RingEventStore.DEFAULT_CAPACITY, s.dropped());
        long t1 = System.nanoTime();
        RingEventStore.Selection all = s.select(RingFilter.ALL);
        RingEventStore.Selection park = s.select(new RingFilter(-1, -1, -1, 4));
        long filterMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(1_000_000, all.size());
        assertEquals(200_000, park.size(), "one op in five, submissions and their completions");
        System.out.println("RingEventStore: ingested " + n + " events in " + ingestMs + " ms; two filters over "
                + all.size() + " in " + filterMs + " ms");
        // Generous bounds for a loaded two-core build machine; typical figures are far lower.
        assertTrue(filterMs < 2000, "filtering a million events took " + filterMs + " ms");
        assertTrue(ingestMs < 20000, "ingesting took " + ingestMs + " ms");
    }

    @Test
    void badFilterTextGetsAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RingFilter.parse("abc", "", "", ""));
        assertEquals("process must be a whole number, not 'abc'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RingFilter.parse("", "", "", "frobnicate"));
        assertTrue(e.getMessage().startsWith("op 'frobnicate' is neither"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RingFilter.parse("", "-3", "", ""));
        assertEquals(new RingFilter(2, 7, 1, 5), RingFilter.parse(" 2", "7 ", "1", "OP_UNPARK"));
        assertTrue(RingFilter.parse("", null, " ", "").matchesAll());
        assertThrows(IllegalArgumentException.class, () -> new RingEventStore(0));
    }
}
