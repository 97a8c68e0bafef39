package org.hartbench.emulator.api;

/** Connects the api to the board implementation without exporting it. */
final class MachineFactory {
    private MachineFactory() {
    }

    static Machine create(MachineConfig config) {
        return new org.hartbench.emulator.internal.board.VirtMachine(config);
    }
}
