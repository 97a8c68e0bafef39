package org.hartbench.core.scaling;

/**
 * One claim of a session, named the way CI systems and the IDE's test-run view show it, e.g.
 * "process-scale 1→2 ≥ 1.6x (virtual time)". A gating claim can fail; a diagnostic reports a
 * figure and always passes.
 *
 * @param name       the test-case name
 * @param gating     whether a failure fails the session
 * @param cpus       the CPU count compared with 1, or 0 for the correctness claim
 * @param threshold  the speedup the claim needs, or NaN when it has none
 * @param speedup    the median speedup, or NaN when it could not be computed
 * @param passed     the verdict
 * @param message    what was measured and, for a failure, why it failed
 */
public record ScaleClaim(String name, boolean gating, int cpus, double threshold, double speedup, boolean passed,
        String message) {
}
