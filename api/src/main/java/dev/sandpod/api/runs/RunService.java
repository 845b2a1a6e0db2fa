package dev.sandpod.api.runs;

import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineUnavailableException;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.TestCase;
import dev.sandpod.api.identity.Caller;
import dev.sandpod.api.instances.CurrentInstance;
import dev.sandpod.api.webhooks.WebhookDeliveryRepository;
import dev.sandpod.api.webhooks.WebhookUrls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Submitting, reading, waiting for, cancelling and deleting runs. Every run has an owner. */
@Singleton
public class RunService {

    private static final long POLL_WITHOUT_NOTIFICATIONS_MS = 100;

    private final RunRepository repository;
    private final RunOutcomes outcomes;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookUrls webhookUrls;
    private final RunsConfiguration configuration;
    private final Engine engine;
    private final RunnerJson json;
    private final JdbcOperations jdbc;
    private final RunSlots slots;
    private final CurrentInstance instance;
    private final RunWaiters waiters;
    private final java.util.Set<UUID> reservations = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);

    RunService(RunRepository repository, RunOutcomes outcomes, WebhookDeliveryRepository deliveries,
               WebhookUrls webhookUrls, RunsConfiguration configuration, Engine engine, RunnerJson json,
               JdbcOperations jdbc, RunSlots slots, CurrentInstance instance, RunWaiters waiters) {
        this.waiters = waiters;
        this.slots = slots;
        this.instance = instance;
        this.repository = repository;
        this.outcomes = outcomes;
        this.deliveries = deliveries;
        this.webhookUrls = webhookUrls;
        this.configuration = configuration;
        this.engine = engine;
        this.json = json;
        this.jdbc = jdbc;
    }

    /** Validates, then commits the run as QUEUED; returns it (or the earlier run with the same client id). */
    public RunEntity submit(Caller caller, CreateRunRequest body) {
        return submit(caller, body, false);
    }

    /**
     * Like {@link #submit(Caller, CreateRunRequest)}, but when {@code runHere} and this server has a free
     * slot, nothing is queued ahead, and the run cannot outlast the maximum wait, the run is committed
     * as RUNNING on this server with the slot reserved: the caller then executes it with
     * {@link RunWorkers#executeReserved}. A crash before it finishes is recovered like any claimed run.
     */
    public RunEntity submit(Caller caller, CreateRunRequest body, boolean runHere) {
        String owner = caller.owner();
        if (!engine.available()) {
            throw new EngineUnavailableException(engine.unavailableReason());
        }
        if (body.clientId() != null) {
            var earlier = repository.findByOwnerAndClientId(owner, body.clientId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        RunRequest request = body.toRunRequest();
        checkSizes(body);
        engine.validate(request);
        String language = engine.languages().find(request.language()).orElseThrow().language().id();
        // A slot to run it here at once, kept only when nothing is queued ahead of it (decided by the insert).
        boolean slot = runHere && engine.worstCaseMs(request) <= configuration.maxWait().toMillis()
                && slots.tryAcquire();
        RunEntity run;
        try {
            run = insert(owner, body, language, json.write(request), Engine.caseCount(request), slot);
        } catch (RuntimeException e) {
            if (slot) {
                slots.release();
            }
            if (body.clientId() != null && !(e instanceof RunExceptions.QueueFullException)) {
                var raced = repository.findByOwnerAndClientId(owner, body.clientId());
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            throw e;
        }
        boolean reserved = run.state() == RunState.RUNNING;
        if (slot && !reserved) {
            slots.release();
        }
        if (reserved) {
            reservations.add(run.id());
        } else {
            wake.release();
        }
        return run;
    }

    private static final String INSERT = """
            WITH queue AS (SELECT count(*)::int AS ahead FROM (SELECT 1 FROM runs WHERE state = 'QUEUED' LIMIT ?) AS q),
                 decided AS (SELECT ahead, (? AND ahead = 0) AS here FROM queue)
            INSERT INTO runs (id, owner, client_id, language, request, webhook_url, cases_total, created_at,
                              queue_position, state, attempts, claimed_by, started_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, created_at_now, ahead,
                   CASE WHEN here THEN 'RUNNING' ELSE 'QUEUED' END, CASE WHEN here THEN 1 ELSE 0 END,
                   CASE WHEN here THEN ?::uuid END, CASE WHEN here THEN created_at_now END
            FROM decided, (SELECT ?::timestamptz AS created_at_now) AS clock
            WHERE ahead < ?
            RETURNING *""";

    /**
     * Commits the run in one statement with the bounded count of runs queued ahead of it: past
     * {@code maxQueue} nothing is written and the queue is full. With {@code slot} and nothing queued
     * ahead, the run is committed RUNNING on this server instead of QUEUED.
     */
    @Connectable // one statement in autocommit: a single round trip, committed before the API answers
    RunEntity insert(String owner, CreateRunRequest body, String language, String request, int cases,
                     boolean slot) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Optional<RunEntity> inserted = jdbc.prepareStatement(INSERT, statement -> {
            statement.setInt(1, configuration.maxQueue());
            statement.setBoolean(2, slot);
            statement.setObject(3, UUID.randomUUID());
            statement.setString(4, owner);
            statement.setString(5, body.clientId());
            statement.setString(6, language);
            statement.setString(7, request);
            statement.setString(8, body.webhookUrl());
            statement.setInt(9, cases);
            statement.setObject(10, instance.id());
            statement.setObject(11, now.atOffset(ZoneOffset.UTC));
            statement.setInt(12, configuration.maxQueue());
            try (ResultSet rows = statement.executeQuery()) {
                return jdbc.entityStream(rows, RunEntity.class).findFirst();
            }
        });
        long queued = configuration.maxQueue();
        return inserted.orElseThrow(() ->
                new RunExceptions.QueueFullException(queued, 1 + queued / (10L * Math.max(1, slots.count()))));
    }

    /**
     * Whether {@code run} was just committed by {@link #submit(Caller, CreateRunRequest, boolean)} to run
     * in the caller's thread; true once per reservation.
     */
    boolean reservedHere(RunEntity run) {
        return reservations.remove(run.id());
    }

    /** The run's latest row. */
    RunEntity reload(RunEntity run) {
        return repository.findById(run.id()).orElse(run);
    }

    /** Waits until the run finishes or {@code maxWait} passes; returns its latest row. */
    public RunEntity await(RunEntity run, Duration maxWait) {
        long deadline = System.nanoTime() + Math.min(maxWait.toNanos(), configuration.maxWait().toNanos());
        CompletableFuture<RunEntity> local = waiters.register(run.id());
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                // Ended here: the row comes at once. Ended anywhere: a notification, then a read. A poll
                // covers a missed notification.
                long poll = waiters.listening() ? configuration.waitPoll().toNanos()
                        : TimeUnit.MILLISECONDS.toNanos(POLL_WITHOUT_NOTIFICATIONS_MS);
                try {
                    RunEntity row = local.get(Math.max(0, Math.min(left, poll)), TimeUnit.NANOSECONDS);
                    if (row != null) {
                        return row;
                    }
                } catch (TimeoutException | ExecutionException e) {
                    // poll the row
                }
                RunEntity latest = repository.findById(run.id()).orElse(run);
                if (latest.state().finished() || deadline - System.nanoTime() <= 0) {
                    return latest;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return repository.findById(run.id()).orElse(run);
        } finally {
            waiters.unregister(run.id(), local);
        }
    }

    /** The caller's run (any run, for an admin); another owner's run is not found, exactly like a missing one. */
    public RunEntity get(Caller caller, UUID id) {
        return (caller.admin() ? repository.findById(id) : repository.findByIdAndOwner(id, caller.owner()))
                .orElseThrow(() -> new RunExceptions.RunNotFoundException(id));
    }

    public RunResponse view(RunEntity run) {
        RunResult result = run.result() == null ? null : json.read(run.result(), RunResult.class);
        List<RunResponse.Delivery> attempts = run.webhookUrl() == null ? List.of()
                : deliveries.findByRunIdOrderByCreatedAt(run.id()).stream().map(RunResponse.Delivery::of).toList();
        return RunResponse.of(run, result, attempts);
    }

    /** Cancels a queued run at once; asks the server running it to kill it; 409 when it already ended. */
    public RunEntity cancel(Caller caller, UUID id) {
        RunEntity run = get(caller, id);
        if (run.state().finished()) {
            throw new RunExceptions.RunConflictException("run " + id + " already ended: " + run.state());
        }
        if (!outcomes.cancelQueued(run)) {
            repository.requestCancel(id);
            slots.cancel(id);
            return await(run, Duration.ofSeconds(5));
        }
        notifyFinished(id, null);
        return get(caller, id);
    }

    /** Deletes a run, cancelling it first when it is still queued or running. */
    public void delete(Caller caller, UUID id) {
        RunEntity run = get(caller, id);
        if (!run.state().finished()) {
            if (!outcomes.cancelQueued(run)) {
                repository.requestCancel(id);
            slots.cancel(id);
                await(run, Duration.ofSeconds(5));
            }
        }
        repository.deleteById(id);
    }

    /** The caller's runs, newest first, optionally filtered. */
    @ReadOnly
    public RunPage list(Caller caller, @Nullable String language, @Nullable RunState state, @Nullable Instant from,
                        @Nullable Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE owner = ?");
        List<Object> params = new ArrayList<>(List.of(caller.owner()));
        if (language != null) {
            where.append(" AND language = ?");
            params.add(engine.languages().find(language).map(l -> l.language().id()).orElse(language));
        }
        if (state != null) {
            where.append(" AND state = ?");
            params.add(state.name());
        }
        if (from != null) {
            where.append(" AND created_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND created_at < ?");
            params.add(Timestamp.from(to));
        }
        long total = jdbc.prepareStatement("SELECT count(*) FROM runs" + where, statement -> {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        List<RunResponse> items = jdbc.prepareStatement("SELECT * FROM runs" + where
                + " ORDER BY created_at DESC, id LIMIT " + size + " OFFSET " + ((long) page * size), statement -> {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return jdbc.entityStream(rows, RunEntity.class).map(run -> RunResponse.of(run, null, List.of())).toList();
            }
        });
        return new RunPage(items, page, size, total);
    }

    /** Workers call this when a run ends, releasing any request waiting for it here. */
    void notifyFinished(UUID id, @Nullable RunEntity finishedRow) {
        waiters.ended(id, finishedRow);
    }

    /** Wakes an idle worker (a run became claimable). */
    void wakeWorkers() {
        wake.release();
    }

    /** Drops pending wake-ups (the queue was found empty); true when there were any. */
    boolean forgetWakeUps() {
        return wake.drainPermits() > 0;
    }

    /** Idle workers block here until a run is submitted to this process, or {@code timeout} passes. */
    boolean awaitSubmission(Duration timeout) throws InterruptedException {
        return wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkSizes(CreateRunRequest body) {
        if (body.source() != null && utf8Length(body.source()) > configuration.maxSourceBytes()) {
            throw new RunExceptions.RequestTooLargeException("source",
                    "source is larger than the " + configuration.maxSourceBytes() + "-byte limit");
        }
        if (body.files() != null) {
            if (body.files().size() > configuration.maxFiles()) {
                throw new dev.sandpod.runner.InvalidRunRequestException("files",
                        "at most " + configuration.maxFiles() + " files, got " + body.files().size());
            }
            long total = body.files().stream().filter(f -> f != null && f.content() != null)
                    .mapToLong(f -> utf8Length(f.content())).sum();
            if (total > configuration.maxSourceBytes()) {
                throw new RunExceptions.RequestTooLargeException("files",
                        "files together are larger than the " + configuration.maxSourceBytes() + "-byte limit");
            }
        }
        if (body.stdin() != null && utf8Length(body.stdin()) > configuration.maxStdinBytes()) {
            throw new RunExceptions.RequestTooLargeException("stdin",
                    "stdin is larger than the " + configuration.maxStdinBytes() + "-byte limit");
        }
        if (body.testCases() != null) {
            if (body.testCases().size() > configuration.maxTestCases()) {
                throw new dev.sandpod.runner.InvalidRunRequestException("testCases",
                        "at most " + configuration.maxTestCases() + " test cases, got " + body.testCases().size());
            }
            long total = 0;
            for (int i = 0; i < body.testCases().size(); i++) {
                TestCase testCase = body.testCases().get(i);
                if (testCase == null) {
                    throw new dev.sandpod.runner.InvalidRunRequestException("testCases[" + i + "]", "a test case is null");
                }
                total += utf8Length(testCase.stdin()) + utf8Length(testCase.expectedOutput());
            }
            if (total > configuration.maxStdinBytes()) {
                throw new RunExceptions.RequestTooLargeException("testCases",
                        "test cases together are larger than the " + configuration.maxStdinBytes() + "-byte limit");
            }
        }
        if (body.webhookUrl() != null) {
            webhookUrls.check(body.webhookUrl());
        }
    }

    private static long utf8Length(@Nullable String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws java.sql.SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }
}
