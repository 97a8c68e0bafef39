package org.hartbench.ui.tests.views;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CPU time of the X server this workbench draws on, when it is an Xvfb the benchmark can
 * see (xvfb-run starts one per run). Painting costs CPU there as well as on the UI thread, and on
 * a small host that time is taken from the emulator's threads too.
 */
final class XServer {
    private XServer() {
    }

    /** Total CPU seconds of the Xvfb serving $DISPLAY so far, or NaN when there is none to see. */
    static double cpuSeconds() {
        String display = Optional.ofNullable(System.getenv("DISPLAY")).orElse("");
        int colon = display.indexOf(':');
        if (colon < 0) {
            return Double.NaN;
        }
        // ":99.0" -> ":99", the argument Xvfb was started with.
        String number = display.substring(colon).split("\\.")[0];
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/Xvfb") || c.equals("Xvfb")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(number)).orElse(false))
                .findFirst().flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN);
    }
}
