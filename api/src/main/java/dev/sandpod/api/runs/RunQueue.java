package dev.sandpod.api.runs;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** Claims the oldest queued run in one transaction; concurrent workers (of any server) skip locked rows. */
@Singleton
class RunQueue {

    private final RunRepository repository;

    RunQueue(RunRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Optional<RunEntity> claim(UUID instance) {
        Optional<RunEntity> next = repository.lockNextQueued();
        next.ifPresent(run -> repository.markRunning(run.id(), instance));
        return next.flatMap(run -> repository.findById(run.id()));
    }
}
