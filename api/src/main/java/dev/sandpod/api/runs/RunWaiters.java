package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests on this server waiting for runs to end. A run ended here hands its finished row straight to
 * its waiter; one ended anywhere (this server included) is announced by {@link RunEndListener}, and
 * the waiter then reads the row.
 */
@Singleton
class RunWaiters {

    private final Map<UUID, CompletableFuture<RunEntity>> waiting = new ConcurrentHashMap<>();
    private volatile boolean listening;

    /** A future completed when the run ends: with its finished row, or null when it must be read. */
    CompletableFuture<RunEntity> register(UUID run) {
        return waiting.computeIfAbsent(run, id -> new CompletableFuture<>());
    }

    void unregister(UUID run, CompletableFuture<RunEntity> waiter) {
        waiting.remove(run, waiter);
    }

    void ended(UUID run, @Nullable RunEntity finishedRow) {
        CompletableFuture<RunEntity> waiter = waiting.get(run);
        if (waiter != null) {
            waiter.complete(finishedRow);
        }
    }

    /** Whether run-end notifications are arriving; while they are not, waiters poll more often. */
    boolean listening() {
        return listening;
    }

    void listening(boolean value) {
        listening = value;
    }
}
