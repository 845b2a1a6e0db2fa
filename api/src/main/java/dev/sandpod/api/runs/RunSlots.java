package dev.sandpod.api.runs;

import dev.sandpod.runner.Engine;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This server's executions. Slots (one per worker): queue workers take one to claim a run; a
 * {@code wait=true} request takes one to run its own run at once in the request thread. Either way no
 * more runs are held here than there are workers. By default there is one slot more than the engine
 * runs at once: the extra run waits at the engine, ready, instead of the engine waiting for a claim.
 * Cancel flags: a cancellation asked of this server reaches its run at once; one asked of another
 * server arrives through the database poll.
 */
@Singleton
class RunSlots {

    private final int count;
    private final Semaphore slots;
    private final Map<UUID, AtomicBoolean> executing = new ConcurrentHashMap<>();

    RunSlots(RunsConfiguration configuration, Engine engine) {
        this.count = configuration.workerCount(engine.config().concurrency());
        this.slots = new Semaphore(count);
    }

    /** How many runs this server holds at once (one worker thread each). */
    int count() {
        return count;
    }

    void acquire() throws InterruptedException {
        slots.acquire();
    }

    boolean tryAcquire() {
        return slots.tryAcquire();
    }

    void release() {
        slots.release();
    }

    /** Registers a run executing here; its flag turns true when it is cancelled. */
    AtomicBoolean started(UUID run, boolean cancelled) {
        AtomicBoolean flag = new AtomicBoolean(cancelled);
        executing.put(run, flag);
        return flag;
    }

    void ended(UUID run) {
        executing.remove(run);
    }

    /** Cancels the run if it executes here; false when it does not. */
    boolean cancel(UUID run) {
        AtomicBoolean flag = executing.get(run);
        if (flag != null) {
            flag.set(true);
        }
        return flag != null;
    }

    boolean idle() {
        return executing.isEmpty();
    }
}
