package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import org.hartbench.emulator.api.TraceRecord;
import org.junit.jupiter.api.Test;

class TraceRecordCsvTest {

    @Test
    void roundTripsRecords() throws Exception {
        List<TraceRecord> records = KernelTraces.records("trace/ring-smp2.records.csv");
        StringWriter w = new StringWriter();
        TraceRecordCsv.write(records, w);
        assertEquals(records, TraceRecordCsv.read(new StringReader(w.toString())));
    }

    @Test
    void malformedLinesNameTheLine() {
        IOException e = assertThrows(IOException.class,
                () -> TraceRecordCsv.read(new StringReader("# c\n1,SWITCH,0,1,1,0,0\n2,SWITCH,0,1\n")));
        assertEquals("line 3: expected 7 fields (time,type,cpu,tid,pid,arg0,arg1), found 4", e.getMessage());
        e = assertThrows(IOException.class, () -> TraceRecordCsv.read(new StringReader("1,BOGUS,0,1,1,0,0\n")));
        assertEquals("line 1: unknown record type 'BOGUS'", e.getMessage());
    }
}
