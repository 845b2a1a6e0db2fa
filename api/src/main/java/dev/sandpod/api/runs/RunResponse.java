package dev.sandpod.api.runs;

import dev.sandpod.runner.RunResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import dev.sandpod.api.webhooks.WebhookDeliveryEntity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run resource: identity, state, queue figures, and the engine's result once finished. */
@Serdeable
@Schema(description = "A run and, once finished, its result")
public record RunResponse(
        UUID id,
        RunState state,
        String language,
        String owner,
        @Nullable String clientId,
        @Nullable @Schema(description = "the run's verdict once finished") String verdict,
        @Schema(description = "runs ahead of this one when it was submitted") int queuePosition,
        int casesDone,
        int casesTotal,
        boolean cancelRequested,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable @Schema(description = "ms from submission to start") Long queueTimeMs,
        @Nullable @Schema(description = "ms from start to finish") Long runTimeMs,
        @Nullable @Schema(description = "ms from submission to finish") Long totalTimeMs,
        @Nullable String webhookUrl,
        @Nullable String message,
        @Nullable RunResult result,
        @Schema(description = "webhook delivery attempts") List<Delivery> deliveries) {

    /** One webhook of this run and how its delivery went. */
    @Serdeable
    public record Delivery(UUID id, String url, String state, int attempts, @Nullable Integer lastStatus,
                           @Nullable String lastError, Instant createdAt, @Nullable Instant deliveredAt,
                           @Nullable Instant nextAttemptAt) {
        static Delivery of(WebhookDeliveryEntity delivery) {
            return new Delivery(delivery.id(), delivery.url(), delivery.state(), delivery.attempts(),
                    delivery.lastStatus(), delivery.lastError(), delivery.createdAt(), delivery.deliveredAt(),
                    "PENDING".equals(delivery.state()) ? delivery.nextAttemptAt() : null);
        }
    }

    static RunResponse of(RunEntity run, @Nullable RunResult result, List<Delivery> deliveries) {
        return new RunResponse(run.id(), run.state(), run.language(), run.owner(), run.clientId(), run.verdict(),
                run.queuePosition(), run.casesDone(), run.casesTotal(), run.cancelRequested(), run.createdAt(),
                run.startedAt(), run.finishedAt(), between(run.createdAt(), run.startedAt()),
                between(run.startedAt(), run.finishedAt()), between(run.createdAt(), run.finishedAt()),
                run.webhookUrl(), run.message(), result, deliveries);
    }

    private static Long between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
