package org.hartbench.emulator.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Hartbench checkout the tests run in: the system property {@code hartbench.repo} when
 * the build sets it, else the nearest directory at or above the working directory that holds
 * {@code kernel-sources/}.
 */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Path get() {
        String property = System.getProperty("hartbench.repo");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (!Files.isDirectory(p.resolve("kernel-sources"))) {
                throw new IllegalStateException("hartbench.repo=" + property + " holds no kernel-sources/ directory");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kernel-sources"))) {
                return p;
            }
        }
        throw new IllegalStateException("no directory at or above " + start
                + " contains kernel-sources/; set -Dhartbench.repo=<checkout>");
    }

    /** A path inside the checkout, e.g. "kernel-sources/include/hartbench/trace.h". */
    public static Path resolve(String relative) {
        return get().resolve(relative);
    }
}
