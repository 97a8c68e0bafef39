package org.hartbench.emulator.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bare-metal test programs in bundles/org.hartbench.emulator.tests/guest/, built with clang
 * and ld.lld by that directory's Makefile into guest/build/. The first request in a test JVM runs
 * make (cheap when nothing changed); without make, clang or ld.lld the calling test is skipped
 * through a JUnit assumption. A failing build fails the test with the compiler's output.
 */
public final class GuestPrograms {
    private GuestPrograms() {
    }

    private static Boolean built; // guarded by GuestPrograms.class

    public static Path directory() {
        return RepositoryRoot.resolve("bundles/org.hartbench.emulator.tests/guest");
    }

    /** True when make, clang and ld.lld are on the PATH. */
    public static boolean toolsAvailable() {
        return onPath("make") && onPath("clang") && onPath("ld.lld");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The ELF of a program ("hello" gives guest/build/hello.elf), built if needed. */
    public static Path elf(String name) {
        ensureBuilt();
        Path elf = directory().resolve("build").resolve(name + ".elf");
        if (!Files.isRegularFile(elf)) {
            throw new IllegalStateException("the guest build made no " + elf + "; is " + name + " in the Makefile?");
        }
        return elf;
    }

    /** The expected console output of a program, guest/expected/NAME.txt. */
    public static String expected(String name) throws IOException {
        return Files.readString(directory().resolve("expected").resolve(name + ".txt"), StandardCharsets.UTF_8);
    }

    private static synchronized void ensureBuilt() {
        assumeTrue(toolsAvailable(), "make, clang and ld.lld are needed to build the guest programs");
        if (built == null) {
            built = make();
        }
        if (!built) {
            throw new IllegalStateException("the guest programs failed to build earlier in this run");
        }
    }

    private static boolean make() {
        try {
            Process p = new ProcessBuilder("make", "-s", "-C", directory().toString()).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("building the guest programs took over 300 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("building the guest programs failed:\n" + output);
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run make: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the guest programs", e);
        }
    }
}
