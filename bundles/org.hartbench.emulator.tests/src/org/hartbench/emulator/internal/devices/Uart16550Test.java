package org.hartbench.emulator.internal.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Uart16550Test {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean irq;
    private Uart16550 uart;

    @BeforeEach
    void setUp() {
        uart = new Uart16550(high -> irq = high, (b, off, len) -> out.write(b, off, len));
    }

    private int reg(int r) {
        return (int) uart.read(r, 1);
    }

    private void set(int r, int v) {
        uart.write(r, 1, v);
    }

    private void transmit(String s) {
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            set(Uart16550.RBR_THR, b);
        }
    }

    @Test
    void transmittedBytesReachTheSinkInOrder() {
        transmit("hello\n");
        assertEquals("hello\n", out.toString(StandardCharsets.US_ASCII));
        int lsr = reg(Uart16550.LSR);
        assertEquals(Uart16550.LSR_THRE | Uart16550.LSR_TEMT, lsr, "transmitter always empty, no data");
        assertFalse(irq);
    }

    @Test
    void resetStateIsQemus() {
        assertEquals(0, reg(Uart16550.IER));
        assertEquals(Uart16550.IIR_NO_INTERRUPT, reg(Uart16550.IIR_FCR));
        assertEquals(0, reg(Uart16550.LCR));
        assertEquals(Uart16550.MCR_OUT2, reg(Uart16550.MCR));
        assertEquals(0x60, reg(Uart16550.LSR));
        assertEquals(0xb0, reg(Uart16550.MSR));
        set(Uart16550.LCR, Uart16550.LCR_DLAB);
        assertEquals(12, reg(Uart16550.RBR_THR), "divisor 12: 115200 baud");
        assertEquals(0, reg(Uart16550.IER));
    }

    @Test
    void divisorLatchHidesTheDataRegister() {
        set(Uart16550.LCR, Uart16550.LCR_DLAB | 0x03);
        set(Uart16550.RBR_THR, 0x12);
        set(Uart16550.IER, 0x34);
        assertEquals(0x12, reg(Uart16550.RBR_THR));
        assertEquals(0x34, reg(Uart16550.IER));
        assertEquals(0, out.size(), "a DLL write is not a transmission");
        set(Uart16550.LCR, 0x03);
        assertEquals(0, reg(Uart16550.IER), "IER untouched by the DLM write");
    }

    @Test
    void receivedBytesAreReadInOrderAndDrainDataReady() {
        uart.receive("ab".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Uart16550.LSR_DR, reg(Uart16550.LSR) & Uart16550.LSR_DR);
        assertEquals('a', reg(Uart16550.RBR_THR));
        assertEquals('b', reg(Uart16550.RBR_THR));
        assertEquals(0, reg(Uart16550.LSR) & Uart16550.LSR_DR);
        assertEquals(0, reg(Uart16550.RBR_THR), "empty FIFO reads 0");
    }

    @Test
    void receiveInterruptFollowsDataAvailable() {
        set(Uart16550.IIR_FCR, Uart16550.FCR_ENABLE);
        assertEquals(0xc1, reg(Uart16550.IIR_FCR), "FIFOs on, nothing pending");
        set(Uart16550.IER, Uart16550.IER_RDA);
        assertFalse(irq);
        uart.receive(new byte[] { 'x' });
        assertTrue(irq);
        assertEquals(0xc0 | Uart16550.IIR_RDA, reg(Uart16550.IIR_FCR));
        reg(Uart16550.RBR_THR);
        assertFalse(irq);
        assertEquals(0xc1, reg(Uart16550.IIR_FCR));
    }

    @Test
    void transmitterEmptyInterruptIsRaisedByEnablingAndAcknowledgedByReadingIir() {
        set(Uart16550.IER, Uart16550.IER_THRE);
        assertTrue(irq, "THR is empty when ETBEI turns on");
        assertEquals(Uart16550.IIR_THRE, reg(Uart16550.IIR_FCR));
        assertFalse(irq, "reading IIR acknowledged it");
        assertEquals(Uart16550.IIR_NO_INTERRUPT, reg(Uart16550.IIR_FCR));
        transmit("z");
        assertTrue(irq, "the byte left: THR empty again");
        set(Uart16550.IER, 0);
        assertFalse(irq);
    }

    @Test
    void receivedDataOutranksTransmitterEmpty() {
        set(Uart16550.IER, Uart16550.IER_THRE | Uart16550.IER_RDA);
        uart.receive(new byte[] { 1 });
        assertEquals(Uart16550.IIR_RDA, reg(Uart16550.IIR_FCR));
        reg(Uart16550.RBR_THR);
        assertEquals(Uart16550.IIR_THRE, reg(Uart16550.IIR_FCR), "THRE was not acknowledged by the RDA read");
    }

    @Test
    void overrunSetsLineStatusOnceAndRaisesItsInterrupt() {
        set(Uart16550.IER, Uart16550.IER_RLS);
        uart.receive(new byte[Uart16550.RX_CAPACITY + 1]);
        assertTrue(irq);
        assertEquals(Uart16550.IIR_RLS, reg(Uart16550.IIR_FCR));
        assertEquals(Uart16550.LSR_OE, reg(Uart16550.LSR) & Uart16550.LSR_OE);
        assertFalse(irq, "reading LSR clears the error");
        assertEquals(0, reg(Uart16550.LSR) & Uart16550.LSR_OE);
    }

    @Test
    void fifoResetDropsReceivedBytes() {
        uart.receive(new byte[] { 1, 2, 3 });
        set(Uart16550.IIR_FCR, Uart16550.FCR_ENABLE | Uart16550.FCR_CLEAR_RX);
        assertEquals(0, reg(Uart16550.LSR) & Uart16550.LSR_DR);
    }

    @Test
    void loopbackReturnsTransmittedBytesAndModemLines() {
        assertEquals(Uart16550.MSR_DCD | Uart16550.MSR_DSR | Uart16550.MSR_CTS, reg(Uart16550.MSR));
        set(Uart16550.MCR, Uart16550.MCR_LOOP | Uart16550.MCR_RTS);
        int msr = reg(Uart16550.MSR);
        assertEquals(Uart16550.MSR_CTS, msr & 0xf0, "only RTS->CTS is looped");
        assertEquals(Uart16550.MSR_DDSR | Uart16550.MSR_DDCD, msr & 0x0f, "DSR and DCD dropped");
        assertEquals(0, reg(Uart16550.MSR) & 0x0f, "deltas clear on read");
        transmit("q");
        assertEquals(0, out.size());
        assertEquals('q', reg(Uart16550.RBR_THR));
    }

    @Test
    void scratchAndLineControlHoldTheirValues() {
        set(Uart16550.SCR, 0xa5);
        set(Uart16550.LCR, 0x1b);
        assertEquals(0xa5, reg(Uart16550.SCR));
        assertEquals(0x1b, reg(Uart16550.LCR));
    }

    @Test
    void onlyByteAccessesInsideTheBlockAreAccepted() {
        assertTrue(uart.accepts(7, 1));
        assertFalse(uart.accepts(8, 1));
        assertFalse(uart.accepts(0, 4));
        assertFalse(uart.accepts(-1, 1));
    }

    @Test
    void concurrentWritersLoseNoByte() throws InterruptedException {
        int threads = 4;
        int perThread = 5000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte tag = (byte) ('A' + t);
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    uart.write(Uart16550.RBR_THR, 1, tag);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        byte[] all = out.toByteArray();
        assertEquals(threads * perThread, all.length);
        int[] counts = new int[threads];
        for (byte b : all) {
            counts[b - 'A']++;
        }
        assertArrayEquals(new int[] { perThread, perThread, perThread, perThread }, counts);
    }
}
