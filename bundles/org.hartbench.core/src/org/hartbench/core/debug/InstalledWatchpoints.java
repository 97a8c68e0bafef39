package org.hartbench.core.debug;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.model.IBreakpoint;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.Machine;

/**
 * The watchpoints one debug target has put into its machine. Each is installed with what it
 * watched at the time (range and kinds), so it is removed exactly so even after the user has
 * changed its access or modification setting; such a change reinstalls it.
 */
final class InstalledWatchpoints {

    /** What one watchpoint is installed as. */
    record Range(long address, long length, boolean read, boolean write) {
        boolean covers(long pa, int size, boolean isWrite) {
            boolean kind = isWrite ? write : read;
            return kind && (Long.compareUnsigned(pa - address, length) < 0 || Long.compareUnsigned(address - pa, size) < 0);
        }
    }

    private final Machine machine;
    private final ElfImage image;
    private final Map<AddressWatchpoint, Range> installed = new ConcurrentHashMap<>();
    private final Map<AddressWatchpoint, String> problems = new ConcurrentHashMap<>();

    InstalledWatchpoints(Machine machine, ElfImage image) {
        this.machine = machine;
        this.image = image;
    }

    /** Installs (or reinstalls, when its settings changed) an enabled watchpoint. */
    synchronized void install(AddressWatchpoint wp) {
        Range range;
        try {
            range = new Range(wp.resolve(image), wp.length(), wp.isAccess(), wp.isModification());
        } catch (CoreException e) {
            problems.put(wp, e.getStatus().getMessage());
            ILog.of(getClass()).log(Status.warning("Hartbench watchpoint not installed: " + e.getStatus().getMessage()));
            return;
        }
        if (range.equals(installed.get(wp))) {
            return;
        }
        uninstall(wp);
        if (!range.read() && !range.write()) {
            problems.put(wp, "it watches neither reads nor writes");
            return;
        }
        machine.addWatchpoint(range.address(), range.length(), range.read(), range.write());
        installed.put(wp, range);
    }

    synchronized void uninstall(AddressWatchpoint wp) {
        problems.remove(wp);
        Range r = installed.remove(wp);
        if (r != null) {
            machine.removeWatchpoint(r.address(), r.length(), r.read(), r.write());
        }
    }

    void clear() {
        installed.clear();
        problems.clear();
    }

    boolean isInstalled(AddressWatchpoint wp) {
        return installed.containsKey(wp);
    }

    /** Where a watchpoint is installed, or empty. */
    Optional<Range> range(AddressWatchpoint wp) {
        return Optional.ofNullable(installed.get(wp));
    }

    Optional<String> problem(AddressWatchpoint wp) {
        return Optional.ofNullable(problems.get(wp));
    }

    /** The installed watchpoints an access touched. */
    List<IBreakpoint> hitBy(long pa, int size, boolean write) {
        return installed.entrySet().stream().filter(e -> e.getValue().covers(pa, size, write))
                .map(e -> (IBreakpoint) e.getKey()).toList();
    }
}
