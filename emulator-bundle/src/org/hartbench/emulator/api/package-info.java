/**
 * The Hartbench machine as seen from outside: build a {@link org.hartbench.emulator.api.Machine}
 * from a {@link org.hartbench.emulator.api.MachineConfig}, load an ELF, run it, watch its console
 * and trace records, and inspect it without disturbing it.
 *
 * <p>This package is the bundle's only public surface. Everything under {@code internal} may
 * change without notice. Nothing here depends on Eclipse.
 */
package org.hartbench.emulator.api;
