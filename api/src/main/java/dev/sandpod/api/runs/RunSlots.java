package dev.sandpod.api.runs;

import jakarta.inject.Singleton;

import java.util.concurrent.Semaphore;

/**
 * This server's execution slots (one per worker). Queue workers take one to claim a run; a
 * {@code wait=true} request takes one to run its own run at once in the request thread. Either way no
 * more runs execute here than there are workers.
 */
@Singleton
class RunSlots {

    private final Semaphore slots;

    RunSlots(RunsConfiguration configuration) {
        this.slots = new Semaphore(configuration.workerCount());
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
}
