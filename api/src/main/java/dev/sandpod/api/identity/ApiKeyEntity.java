package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code api_keys}: the key itself is never stored, only its SHA-256. */
@MappedEntity("api_keys")
record ApiKeyEntity(
        @Id UUID id,
        long userId,
        String name,
        String prefix,
        byte[] keyHash,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {
}
