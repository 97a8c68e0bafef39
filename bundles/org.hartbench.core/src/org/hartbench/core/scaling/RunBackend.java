package org.hartbench.core.scaling;

import java.io.IOException;

/** Boots the kernel once with a given number of CPUs and boot arguments. */
interface RunBackend {

    /**
     * Runs to the end, or until the options' run timeout. Never leaves threads or processes
     * behind, also when interrupted.
     *
     * @throws IOException when the kernel cannot be loaded or the backend cannot be started; the
     *         message says which
     */
    RawRun run(ScaleOptions options, int cpus, String bootArgs) throws IOException, InterruptedException;

    static RunBackend of(ScaleBackend backend) {
        return backend == ScaleBackend.QEMU ? new QemuRunBackend() : new EmulatorRunBackend();
    }
}
