package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An API key as listed; {@code key} is present only in the answer that creates it. */
@Serdeable
@Schema(name = "ApiKey")
record ApiKeyResponse(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
                      @Schema(description = "the key itself: shown once, when created") @Nullable String key) {

    static ApiKeyResponse of(ApiKeyEntity key, @Nullable String secret) {
        return new ApiKeyResponse(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt(), secret);
    }
}
