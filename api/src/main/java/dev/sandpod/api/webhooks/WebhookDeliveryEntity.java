package dev.sandpod.api.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One webhook of one finished run, and how its delivery went. */
@MappedEntity("webhook_deliveries")
public record WebhookDeliveryEntity(
        @Id UUID id,
        UUID runId,
        String url,
        String state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    public static WebhookDeliveryEntity pending(UUID runId, String url) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new WebhookDeliveryEntity(UUID.randomUUID(), runId, url, "PENDING", 0, now, null, null, now, null);
    }
}
