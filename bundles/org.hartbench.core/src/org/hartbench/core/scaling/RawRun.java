package org.hartbench.core.scaling;

import java.util.List;

import org.hartbench.emulator.api.TraceRecord;

/**
 * What one boot of the kernel left behind, before any judgement.
 *
 * @param console     everything the guest wrote to the UART
 * @param trace       the decoded trace records, in arrival order; empty without a trace device
 * @param traced      whether the backend has a trace device at all (only the emulator does)
 * @param lostRecords records the kernel wrote but the trace device could not read in time
 * @param guestPassed whether the guest ended through the test finisher's pass value
 * @param outcome     how the machine ended, in words (for reports)
 * @param wallNanos   host time from start to exit
 */
public record RawRun(String console, List<TraceRecord> trace, boolean traced, long lostRecords, boolean guestPassed,
        String outcome, long wallNanos) {

    public RawRun {
        trace = List.copyOf(trace);
    }
}
