package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code runs}: the request and result are stored as the engine's JSON. */
@MappedEntity("runs")
public record RunEntity(
        @Id UUID id,
        String owner,
        @Nullable String clientId,
        String language,
        String request,
        RunState state,
        @Nullable String verdict,
        @Nullable String result,
        @Nullable String message,
        @Nullable String webhookUrl,
        int queuePosition,
        int attempts,
        @Nullable UUID claimedBy,
        boolean cancelRequested,
        int casesTotal,
        int casesDone,
        @Nullable Long runTimeMs,
        @Nullable Long memoryKb,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {
}
