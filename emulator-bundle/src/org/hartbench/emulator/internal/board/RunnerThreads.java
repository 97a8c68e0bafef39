package org.hartbench.emulator.internal.board;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host threads of one run of a machine (its scheduler or hart threads and its supervisor),
 * taken from a process-wide pool of daemon threads.
 *
 * <p>Why a pool: a machine that is reset and started again, as the robustness test does 10^5
 * times and a debugger's "restart" does, would otherwise create two or more threads per run;
 * on a busy two-core host creating and joining one costs about half a millisecond, more than a
 * short run itself. A pooled thread carries the run's name (machine prefix + role, e.g.
 * {@code hartbench-m3-hart0}) only while it works for the run and goes back to
 * {@link #IDLE_PREFIX} afterwards, so "no thread of this machine is alive" still means what it
 * meant with one thread per run. Idle pool threads end after {@link #KEEP_ALIVE_SECONDS}.
 *
 * <p>Pooling is safe for the emulator because a task is a whole runner: it owns its thread from
 * start to end of the run and never blocks waiting for another task of the pool (the pool grows
 * instead of queueing, so every runner of every machine has a thread of its own).
 */
final class RunnerThreads {

    /** Name of a pool thread between runs: deliberately not a machine's prefix. */
    static final String IDLE_PREFIX = "hartbench-idle-runner-";
    static final int KEEP_ALIVE_SECONDS = 10;

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), body -> {
                Thread t = new Thread(body, IDLE_PREFIX + NUMBERS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final String prefix;
    private final Set<Thread> working = ConcurrentHashMap.newKeySet();
    private final CountDownLatch done;

    /** A run of tasks tasks, whose threads are named prefix + role while they run. */
    RunnerThreads(String prefix, int tasks) {
        this.prefix = prefix;
        this.done = new CountDownLatch(tasks);
    }

    /** Starts one task on a pool thread, named prefix + role until body returns. */
    void start(String role, Runnable body) {
        Runnable task = wrap(role, body);
        POOL.execute(() -> {
            task.run();
            Thread.interrupted(); // the thread's next run starts with a clean interrupt status
        });
    }

    private Runnable wrap(String role, Runnable body) {
        return () -> {
            Thread self = Thread.currentThread();
            String ownName = self.getName();
            self.setName(prefix + role);
            working.add(self);
            try {
                body.run();
            } finally {
                working.remove(self);
                self.setName(ownName);
                done.countDown();
            }
        };
    }

    /** Runs one task on the calling thread, named prefix + role until body returns. */
    void runHere(String role, Runnable body) {
        wrap(role, body).run();
    }

    /** True when the calling thread is running one of these tasks. */
    boolean isCurrentThreadOne() {
        return working.contains(Thread.currentThread());
    }

    /** Waits until every task has returned and its thread has given up the run's name. */
    void awaitAll() {
        boolean interrupted = false;
        for (;;) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
