package org.hartbench.core.scaling.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel built earlier in the reactor, found as ScaleClaimsEmulatorTest finds it. */
final class TestKernel {
    private TestKernel() {
    }

    static Path path() {
        String repo = System.getProperty("hartbench.repo");
        assertTrue(repo != null, "system property hartbench.repo (the repository root) is not set");
        Path elf = Path.of(repo, "kernel-sources", "build", "kernel.elf");
        assertTrue(Files.isRegularFile(elf), elf + " is missing: build the kernel first (make -C kernel-sources)");
        return elf;
    }
}
