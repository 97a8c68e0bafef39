package org.hartbench.core.scaling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceListener;
import org.hartbench.emulator.api.TraceRecord;

/** Runs the kernel on Hartbench's emulator in this JVM, with the trace device on. */
final class EmulatorRunBackend implements RunBackend {

    @Override
    public RawRun run(ScaleOptions options, int cpus, String bootArgs) throws IOException, InterruptedException {
        MachineConfig config = MachineConfig.defaults().withHarts(cpus).withMode(options.mode()).withBootArgs(bootArgs)
                .withTimeout(options.runTimeout()).withTrace(true);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        // Listeners run on emulator threads (one per hart in parallel mode): a lock-free queue keeps
        // each CPU's records in the order that CPU wrote them, which is all BusyIntervals needs.
        ConcurrentLinkedQueue<TraceRecord> records = new ConcurrentLinkedQueue<>();
        AtomicLong lost = new AtomicLong();
        try (Machine machine = Machine.create(config)) {
            machine.addConsoleListener((data, offset, length) -> {
                synchronized (console) {
                    console.write(data, offset, length);
                }
            });
            machine.addTraceListener(new TraceListener() {
                @Override
                public void onRecord(TraceRecord record) {
                    records.add(record);
                }

                @Override
                public void onLost(int cpu, long count) {
                    lost.addAndGet(count);
                }
            });
            try {
                machine.load(options.kernelElf());
            } catch (ElfFormatException e) {
                throw new IOException("cannot load kernel " + options.kernelElf() + ": " + e.getMessage(), e);
            }
            long start = System.nanoTime();
            machine.start();
            ExitStatus status = machine.awaitExit();
            long wall = System.nanoTime() - start;
            String text;
            synchronized (console) {
                text = console.toString(StandardCharsets.UTF_8);
            }
            return new RawRun(text, new ArrayList<>(records), true, lost.get(), status.kind() == ExitStatus.Kind.PASS,
                    status.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + status.message(), wall);
        }
    }
}
