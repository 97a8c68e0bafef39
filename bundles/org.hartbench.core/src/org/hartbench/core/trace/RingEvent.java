package org.hartbench.core.trace;

/**
 * One ring event as the Ring Trace view lists it: a TR_SQE_CONSUMED or TR_CQE_POSTED record,
 * with the completion matched to its submission.
 *
 * @param seq      position in the store since it was created (0 = first event ever captured)
 * @param time     guest timebase ticks (10 MHz)
 * @param kind     submission consumed or completion posted
 * @param cpu      cpu index that did the work
 * @param pid      the ring owner's process
 * @param tid      the ring owner's thread
 * @param op       OP_* number; for a completion, the op of its matched submission (0 if unmatched;
 *                 see {@link #opKnown()})
 * @param cap      capability slot of the submission (-1 for an unmatched completion)
 * @param userData the SQE's user_data, copied to its CQE (unsigned 64 bits)
 * @param result   the CQE's result; 0 for a submission
 * @param latency  for a matched completion, its time minus the submission's, in ticks; else -1
 */
public record RingEvent(long seq, long time, Kind kind, int cpu, int pid, int tid, int op, int cap, long userData,
        int result, long latency) {

    /** Which of the two ring records this is. */
    public enum Kind {
        SQE("SQE consumed"), CQE("CQE posted");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** False for a completion whose submission was not seen: its op and cap are unknown. */
    public boolean opKnown() {
        return kind == Kind.SQE || latency >= 0;
    }

    /** The op's name, or "" when {@link #opKnown()} is false. */
    public String opText() {
        return opKnown() ? RingOps.opName(op) : "";
    }

    /** "-10 (E_TIMEDOUT)", "3", or "" for a submission. */
    public String resultText() {
        if (kind == Kind.SQE) {
            return "";
        }
        String error = RingOps.errorName(result);
        return error == null ? Integer.toString(result) : result + " (" + error + ")";
    }

    /** Latency in microseconds with one decimal ("12.3"), or "" when there is none. */
    public String latencyText() {
        return latency < 0 ? "" : RingExport.micros(latency);
    }
}
