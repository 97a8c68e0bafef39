package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** ring.h is the single definition of op and error numbers; the names shown must agree with it. */
class RingOpsTest {

    @Test
    void opAndErrorNamesMatchRingHeader() throws Exception {
        String header = Files.readString(KernelTraces.repository().resolve("kernel-sources/include/hartbench/ring.h"));
        Matcher op = Pattern.compile("#define OP_(\\w+)\\s+(\\d+)").matcher(header);
        int ops = 0;
        while (op.find()) {
            if (op.group(1).equals("COUNT")) {
                assertEquals(Integer.parseInt(op.group(2)) - 1, RingOps.maxOp(), "OP_COUNT");
                continue;
            }
            ops++;
            assertEquals(op.group(1), RingOps.opName(Integer.parseInt(op.group(2))));
            assertEquals(Integer.parseInt(op.group(2)), RingOps.opNumber(op.group(1).toLowerCase()));
        }
        assertEquals(RingOps.maxOp(), ops);
        Matcher err = Pattern.compile("#define (E_\\w+)\\s+(\\d+)").matcher(header);
        int errors = 0;
        while (err.find()) {
            errors++;
            assertEquals(err.group(1), RingOps.errorName(-Integer.parseInt(err.group(2))));
        }
        assertTrue(errors > 10, "ring.h defines the error codes");
        assertEquals("op 9", RingOps.opName(9));
    }
}
