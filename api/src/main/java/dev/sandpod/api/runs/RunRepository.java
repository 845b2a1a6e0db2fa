package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends CrudRepository<RunEntity, UUID> {

    Optional<RunEntity> findByIdAndOwner(UUID id, String owner);

    Optional<RunEntity> findByOwnerAndClientId(String owner, String clientId);

    @Query("UPDATE runs SET cases_done = :done WHERE id = :id")
    void updateProgress(UUID id, int done);

    @Query("UPDATE runs SET state = 'CANCELLED', finished_at = now() WHERE id = :id AND state = 'QUEUED'")
    long cancelQueued(UUID id);

    @Query("UPDATE runs SET cancel_requested = true WHERE id = :id AND state = 'RUNNING'")
    long requestCancel(UUID id);

    @Query("SELECT id FROM runs WHERE state = 'RUNNING' AND claimed_by = :instance AND cancel_requested")
    List<UUID> cancelRequestedFor(UUID instance);

    @Query("SELECT * FROM runs WHERE state = 'RUNNING' AND (claimed_by IS NULL OR claimed_by <> :self)")
    List<RunEntity> findRunningElsewhere(UUID self);

    @Query("UPDATE runs SET state = 'QUEUED', claimed_by = NULL, started_at = NULL, cases_done = 0 "
            + "WHERE id = :id AND state = 'RUNNING' AND claimed_by = :deadInstance")
    long requeue(UUID id, UUID deadInstance);

    @Query("UPDATE runs SET state = 'FAILED', verdict = 'INTERNAL_ERROR', message = :message, finished_at = now(), "
            + "claimed_by = NULL WHERE id = :id AND state = 'RUNNING' AND claimed_by = :deadInstance")
    long failOrphan(UUID id, UUID deadInstance, String message);
}
