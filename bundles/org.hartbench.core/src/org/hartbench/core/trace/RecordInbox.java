package org.hartbench.core.trace;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.hartbench.emulator.api.TraceRecord;

/**
 * Hands trace records from emulator threads to a model without ever making an emulator thread
 * wait. A writer queues the record on a lock-free queue and then applies everything queued only
 * if the model's lock is free at that instant; otherwise the reader that holds the lock (a view
 * taking a snapshot) applies the queue before it reads. Records of one writer thread keep their
 * order, which is all the models rely on (the kernel writes each cpu's records in time order).
 */
final class RecordInbox {

    private final ConcurrentLinkedQueue<TraceRecord> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Consumer<TraceRecord> apply;

    /** apply runs with the lock held, on whichever thread drains. */
    RecordInbox(Consumer<TraceRecord> apply) {
        this.apply = apply;
    }

    /** From any thread; never blocks. */
    void offer(TraceRecord record) {
        queue.add(record);
        if (lock.tryLock()) {
            try {
                drainLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes the lock (waiting for another reader or a draining writer), applies the queue, runs body. */
    <T> T read(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            drainLocked();
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Like read, for bodies that change the model (clear, settings). */
    void write(Runnable body) {
        lock.lock();
        try {
            drainLocked();
            body.run();
        } finally {
            lock.unlock();
        }
    }

    private void drainLocked() {
        TraceRecord r;
        while ((r = queue.poll()) != null) {
            apply.accept(r);
        }
    }
}
