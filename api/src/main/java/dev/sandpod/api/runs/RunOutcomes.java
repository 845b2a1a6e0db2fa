package dev.sandpod.api.runs;

import dev.sandpod.api.webhooks.WebhookBodies;
import dev.sandpod.api.webhooks.WebhookDeliveryEntity;
import dev.sandpod.api.webhooks.WebhookDeliveryRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends runs. The webhook delivery (the outbox row) is written in the same transaction as the run's
 * final state, so a finished run never loses its webhook and an unfinished one never sends one.
 */
@Singleton
class RunOutcomes implements WebhookBodies {

    private final RunRepository runs;
    private final WebhookDeliveryRepository deliveries;
    private final RunnerJson json;
    private final ObjectMapper mapper;
    private final JdbcOperations jdbc;

    RunOutcomes(RunRepository runs, WebhookDeliveryRepository deliveries, RunnerJson json, ObjectMapper mapper,
                JdbcOperations jdbc) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.deliveries = deliveries;
        this.json = json;
        this.mapper = mapper;
    }

    private static final String FINISH = "UPDATE runs SET state = ?, verdict = ?, result = ?, message = ?, "
            + "cases_done = ?, run_time_ms = ?, memory_kb = ?, started_at = COALESCE(?, started_at), "
            + "finished_at = now(), claimed_by = NULL "
            + "WHERE id = ? AND state = 'RUNNING' RETURNING *";

    /** A recorded outcome: the finished row (empty when the run was no longer running) and the next claimed run. */
    record Outcome(Optional<RunEntity> finished, Optional<RunEntity> next) {
    }

    /**
     * Records the outcome of a running run, and when the engine started it (null: keep the claim time).
     * With {@code claimNextFor}, the same transaction, in the same round trip, claims the next queued
     * run for that server.
     */
    @Transactional
    public Outcome finish(RunEntity run, @Nullable Instant startedAt, RunState state, @Nullable String verdict,
                          @Nullable String result, @Nullable String message, int casesDone, @Nullable Long runTimeMs,
                          @Nullable Long memoryKb, @Nullable UUID claimNextFor) {
        // Losing this commit in a crash only re-runs the run; with a webhook the outbox row must persist.
        boolean asyncCommit = run.webhookUrl() == null;
        List<String> statements = claimNextFor == null ? List.of(FINISH) : List.of(FINISH, RunQueue.CLAIM);
        List<Optional<RunEntity>> rows = RunQueue.updates(jdbc, asyncCommit, statements, statement -> {
            statement.setString(1, state.name());
            statement.setString(2, verdict);
            statement.setString(3, result);
            statement.setString(4, message);
            statement.setInt(5, casesDone);
            statement.setObject(6, runTimeMs, Types.BIGINT);
            statement.setObject(7, memoryKb, Types.BIGINT);
            statement.setObject(8, startedAt == null ? null : startedAt.atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(9, run.id());
            if (claimNextFor != null) {
                statement.setObject(10, claimNextFor);
            }
        });
        rows.get(0).ifPresent(ignored -> enqueueWebhook(run));
        return new Outcome(rows.get(0), claimNextFor == null ? Optional.empty() : rows.get(1));
    }

    /** Cancels a run that no worker has claimed yet; false when it was no longer queued. */
    @Transactional
    public boolean cancelQueued(RunEntity run) {
        if (runs.cancelQueued(run.id()) == 0) {
            return false;
        }
        enqueueWebhook(run);
        return true;
    }

    /** Fails a run whose server died once too often; false when another server got there first. */
    @Transactional
    public boolean failOrphan(RunEntity run, String message) {
        if (runs.failOrphan(run.id(), run.claimedBy(), message) == 0) {
            return false;
        }
        enqueueWebhook(run);
        return true;
    }

    @Override
    public Optional<String> body(UUID runId) {
        return runs.findById(runId).map(run -> {
            var result = run.result() == null ? null : json.read(run.result(), dev.sandpod.runner.RunResult.class);
            try {
                return mapper.writeValueAsString(RunResponse.of(run, result, java.util.List.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void enqueueWebhook(RunEntity run) {
        if (run.webhookUrl() != null) {
            deliveries.save(WebhookDeliveryEntity.pending(run.id(), run.webhookUrl()));
        }
    }
}
