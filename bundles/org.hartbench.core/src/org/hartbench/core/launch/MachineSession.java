package org.hartbench.core.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.runtime.CoreException;
import org.hartbench.core.trace.TraceSessions;
import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;

/**
 * One booted machine as the IDE sees it: owns the emulator {@link Machine}, moves its UART
 * output to a {@link UartOutputMonitor} on a pump thread of its own, and reports the end once.
 * The process ({@link HartbenchProcess}) and, in debug mode, a debug target wrap a session; views
 * may read {@link #machine()} (inspector, trace listeners) but leave its life cycle to the session.
 *
 * <p>Threads: the emulator's threads only copy console bytes into a bounded queue, so they never
 * wait on the console or the UI. The pump ("hartbench-console-N") decodes, appends and, when the
 * machine has ended and every byte has been shown, calls the end listeners. {@link #terminate()}
 * stops the machine and joins both the emulator's threads and the pump.
 */
public final class MachineSession {

    private static final AtomicInteger SESSION_NUMBERS = new AtomicInteger();
    /** How often the pump checks for the end when the guest is silent. */
    private static final long PUMP_POLL_MILLIS = 50;
    /** Upper bound for joining the pump; it exits within one poll after the machine ends. */
    private static final long PUMP_JOIN_MILLIS = 10_000;

    private final Machine machine;
    private final ElfImage image;
    private final UartOutputQueue queue = new UartOutputQueue(UartOutputQueue.DEFAULT_CAPACITY);
    private final UartOutputMonitor output = new UartOutputMonitor();
    private final List<Consumer<ExitStatus>> endListeners = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private volatile boolean started;
    private volatile ExitStatus endStatus;

    private MachineSession(Machine machine, ElfImage image) {
        this.machine = machine;
        this.image = image;
        this.pump = new Thread(this::pumpLoop, "hartbench-console-" + SESSION_NUMBERS.incrementAndGet());
        this.pump.setDaemon(true);
        machine.addConsoleListener(queue::offer);
    }

    /**
     * Builds a machine and loads the ELF; nothing runs until {@link #start()}.
     *
     * @throws CoreException with a message for the user when the config is invalid or the ELF
     *                       cannot be loaded (the half-built machine is closed)
     */
    public static MachineSession open(MachineConfig config, Path elf) throws CoreException {
        Machine machine;
        try {
            machine = Machine.create(config);
        } catch (IllegalArgumentException e) {
            throw LaunchStatus.error("Cannot build the machine: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw LaunchStatus.error("Not enough memory for " + config.ramMiB()
                    + " MiB of guest RAM; choose a smaller memory size or give the IDE more heap.", null);
        }
        try {
            return new MachineSession(machine, machine.load(elf));
        } catch (IOException | ElfFormatException | RuntimeException e) {
            machine.close();
            throw LaunchStatus.error("Cannot load " + elf + ": " + e.getMessage(), e);
        }
    }

    /** Starts the harts and the console pump. May be called once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("session already started");
        }
        started = true;
        if (machine.config().trace()) {
            // Before the harts start, so the CPUs and Ring Trace views miss no record.
            TraceSessions.open(image.path().getFileName() + ", " + machine.config().harts() + " harts", machine);
        }
        pump.start();
        machine.start();
    }

    /** The machine, for inspection and trace listeners; do not stop or start it directly. */
    public Machine machine() {
        return machine;
    }

    /** The loaded kernel (entry, segments, symbols). */
    public ElfImage image() {
        return image;
    }

    /** The UART output stream the console connects to. */
    public UartOutputMonitor output() {
        return output;
    }

    /** Queues bytes for the UART's receiver, as if typed on its serial line. */
    public void sendInput(byte[] data) {
        machine.sendConsoleInput(data);
    }

    /** Holds every hart; returns when they are held. */
    public void pause() {
        machine.pause();
    }

    public void resume() {
        machine.resume();
    }

    public boolean isPaused() {
        return machine.isPaused();
    }

    /**
     * True once the machine has ended, every byte of its output has been delivered and the end
     * listeners have run.
     */
    public boolean isEnded() {
        return endStatus != null;
    }

    /** How the machine ended, once {@link #isEnded()}. */
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(endStatus);
    }

    /** Runs once, on the pump thread, after the last output; at once if the session has ended. */
    public void addEndListener(Consumer<ExitStatus> listener) {
        endListeners.add(listener);
        ExitStatus status = endStatus;
        if (status != null && endListeners.remove(listener)) {
            listener.accept(status);
        }
    }

    /**
     * Stops the machine if it runs, and returns when no thread of this session is left (the
     * emulator's and the pump). Safe from any thread, at any moment, more than once.
     */
    public void terminate() {
        machine.stop();
        if (!started) {
            // The pump never ran: deliver the end here.
            synchronized (this) {
                if (!started) {
                    started = true;
                    finish();
                    return;
                }
            }
        }
        if (Thread.currentThread() != pump) {
            try {
                pump.join(PUMP_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pump thread, for tests that check nothing is left behind. */
    Thread pumpThread() {
        return pump;
    }

    private void pumpLoop() {
        try {
            while (true) {
                output.append(queue.take(PUMP_POLL_MILLIS, TimeUnit.MILLISECONDS));
                if (machine.exitStatus().isPresent()) {
                    // Wait for the emulator's threads to leave, then show what they wrote last.
                    while (machine.awaitExit(Duration.ofMillis(PUMP_POLL_MILLIS)).isEmpty()) {
                        output.append(queue.take(0, TimeUnit.MILLISECONDS));
                    }
                    String rest;
                    while (!(rest = queue.take(0, TimeUnit.MILLISECONDS)).isEmpty()) {
                        output.append(rest);
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            machine.stop();
        }
        finish();
    }

    private void finish() {
        output.append(queue.finish());
        ExitStatus status = machine.exitStatus().orElseGet(
                () -> new ExitStatus(ExitStatus.Kind.STOPPED, 0, "stopped before it started"));
        synchronized (this) {
            endStatus = status;
        }
        for (Consumer<ExitStatus> listener : endListeners) {
            if (endListeners.remove(listener)) {
                listener.accept(status);
            }
        }
    }
}
