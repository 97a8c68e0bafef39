package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.Launch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;

/**
 * A real Hartbench kernel on a deterministic machine, wrapped in a debug target, with the debug
 * events it fires collected for assertions. The console manifest keeps the kernel alive (it
 * waits for a line of input), so harts keep scheduling and idling until the test ends.
 */
final class DebugSession implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final Machine machine;
    final ElfImage image;
    final Launch launch;
    final HartbenchDebugTarget target;
    private final BlockingQueue<DebugEvent> events = new LinkedBlockingQueue<>();
    private final IDebugEventSetListener listener = set -> {
        for (DebugEvent e : set) {
            events.add(e);
        }
    };
    private final List<IBreakpoint> breakpoints = new ArrayList<>();

    /** Starts a kernel with the given harts; breakpoints are registered before the machine starts. */
    DebugSession(int harts, String... breakpointLocations) throws Exception {
        DebugPlugin.getDefault().addDebugEventListener(listener);
        for (String location : breakpointLocations) {
            breakpoints.add(AddressBreakpoint.create(location, true));
        }
        machine = Machine.create(MachineConfig.defaults().withHarts(harts).withMode(ExecutionMode.DETERMINISTIC)
                .withBootArgs("manifest=console"));
        image = machine.load(kernel());
        launch = new Launch(null, ILaunchManager.DEBUG_MODE, null);
        target = HartbenchDebugTarget.create(launch, null, machine, image);
        DebugPlugin.getDefault().getLaunchManager().addLaunch(launch);
        machine.start();
    }

    /** kernel-sources/build/kernel.elf of the checkout named by hartbench.repo (or found upwards). */
    static Path kernel() {
        String property = System.getProperty("hartbench.repo");
        Path root = null;
        if (property != null && !property.isBlank()) {
            root = Path.of(property);
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null && root == null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("kernel-sources"))) {
                    root = p;
                }
            }
        }
        Path elf = root == null ? null : root.resolve("kernel-sources/build/kernel.elf");
        if (elf == null || !Files.isRegularFile(elf)) {
            fail("no kernel image at " + elf + ": build it with make -C kernel-sources all, or set -Dhartbench.repo");
        }
        return elf;
    }

    /** Adds a breakpoint while the target runs. */
    AddressBreakpoint addBreakpoint(String location) throws CoreException {
        AddressBreakpoint bp = AddressBreakpoint.create(location, true);
        breakpoints.add(bp);
        return bp;
    }

    /** Waits for a debug event from source with the given kind and detail (-1: any detail). */
    DebugEvent await(Object source, int kind, int detail) throws InterruptedException {
        return await(e -> e.getSource() == source && e.getKind() == kind && (detail < 0 || e.getDetail() == detail),
                "event kind " + kind + " detail " + detail + " from " + source);
    }

    DebugEvent await(Predicate<DebugEvent> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            DebugEvent e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                fail("no " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    /** Forgets the events seen so far. */
    void drain() {
        events.clear();
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (!target.isTerminated()) {
                target.terminate();
            }
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(breakpoints.toArray(new IBreakpoint[0]),
                    true);
        } finally {
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
            DebugPlugin.getDefault().removeDebugEventListener(listener);
            machine.close();
        }
    }
}
