package dev.sandpod.api.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookDeliveryRepository extends CrudRepository<WebhookDeliveryEntity, UUID> {

    List<WebhookDeliveryEntity> findByRunIdOrderByCreatedAt(UUID runId);

    /** Due deliveries, locked for this transaction; rows other deliverers hold are skipped. */
    @Query("SELECT * FROM webhook_deliveries WHERE state = 'PENDING' AND next_attempt_at <= now() "
            + "ORDER BY next_attempt_at LIMIT 10 FOR UPDATE SKIP LOCKED")
    List<WebhookDeliveryEntity> lockDue();

    /** Pushes a claimed delivery out of everyone's sight while this server attempts it. */
    @Query("UPDATE webhook_deliveries SET next_attempt_at = :until WHERE id = :id")
    void lease(UUID id, Instant until);

    @Query("UPDATE webhook_deliveries SET state = :state, attempts = :attempts, next_attempt_at = :nextAttemptAt, "
            + "last_status = :lastStatus, last_error = :lastError, delivered_at = :deliveredAt WHERE id = :id")
    void recordAttempt(UUID id, String state, int attempts, Instant nextAttemptAt, @Nullable Integer lastStatus,
                       @Nullable String lastError, @Nullable Instant deliveredAt);
}
