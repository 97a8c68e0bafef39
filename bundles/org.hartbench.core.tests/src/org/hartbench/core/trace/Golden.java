package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hartbench.emulator.api.TraceRecord;

/**
 * Golden-file comparison. On a mismatch the actual output is written next to the build
 * (target/golden-actual/NAME) so it can be diffed, and copied over testdata/ once reviewed.
 */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        String expected = KernelTraces.resource(name);
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
        }
        assertEquals(expected, actual, "golden file testdata/" + name + " (actual output in target/golden-actual/)");
    }

    /** Feeds records to listeners in order, as one emulator thread would. */
    static void feed(Iterable<TraceRecord> records, org.hartbench.emulator.api.TraceListener... listeners) {
        for (TraceRecord r : records) {
            for (var l : listeners) {
                l.onRecord(r);
            }
        }
    }
}
