package dev.sandpod.api.runs;

import dev.sandpod.api.instances.CurrentInstance;
import dev.sandpod.runner.CaseResult;
import dev.sandpod.runner.Engine;
import dev.sandpod.runner.RunCancelledException;
import dev.sandpod.runner.RunListener;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This server's share of the queue: worker threads that claim runs, execute them on the engine and
 * store the results; a poller that passes on cancellations; and recovery of runs whose server died
 * (re-queued once, then failed as INTERNAL_ERROR, so nothing accepted is ever lost).
 */
@Context
class RunWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(RunWorkers.class);
    private static final int MAX_ATTEMPTS = 2;
    private static final RunOutcomes.Outcome NOTHING = new RunOutcomes.Outcome(Optional.empty(), Optional.empty());

    private final RunQueue queue;
    private final RunRepository repository;
    private final RunOutcomes outcomes;
    private final RunService service;
    private final RunsConfiguration configuration;
    private final Engine engine;
    private final RunnerJson json;
    private final CurrentInstance instance;
    private final RunSlots slots;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    RunWorkers(RunQueue queue, RunRepository repository, RunOutcomes outcomes, RunService service,
               RunsConfiguration configuration, Engine engine, RunnerJson json, CurrentInstance instance,
               RunSlots slots) {
        this.slots = slots;
        this.queue = queue;
        this.repository = repository;
        this.outcomes = outcomes;
        this.service = service;
        this.configuration = configuration;
        this.engine = engine;
        this.json = json;
        this.instance = instance;
    }

    /** Starts work once the server has started: a context that fails to start leaves no threads behind. */
    @EventListener
    void onStartup(StartupEvent event) {
        recoverOrphans();
        for (int i = 0; i < slots.count(); i++) {
            Thread thread = new Thread(this::work, "run-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        LOG.info("{} run workers started", threads.size());
    }

    /**
     * Holding a slot, claims a run and executes it; recording each outcome also claims the next run, in
     * the same round trip, until the queue is empty. Then waits for a submission (or the poll interval).
     */
    private void work() {
        while (!stopping) {
            try {
                slots.acquire();
                Optional<RunEntity> claimed;
                try {
                    claimed = claim();
                    for (Optional<RunEntity> run = claimed; run.isPresent(); ) {
                        run = execute(run.get(), !stopping).next();
                    }
                } finally {
                    slots.release();
                }
                if (claimed.isEmpty()) {
                    service.awaitSubmission(configuration.poll());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.error("Run worker failed; continuing", e);
                sleepQuietly();
            }
        }
    }

    /** Claims the oldest queued run; when there is none, forgets wake-ups meant for runs already claimed. */
    private Optional<RunEntity> claim() {
        Optional<RunEntity> run = queue.claim(instance.id());
        if (run.isEmpty() && service.forgetWakeUps()) {
            run = queue.claim(instance.id()); // one submitted just before its wake-up was forgotten
        }
        return run;
    }

    /**
     * Executes, in the calling thread, a run that {@link RunService#submit} committed as RUNNING on this
     * server with a slot reserved for it; gives the slot back.
     */
    Optional<RunEntity> executeReserved(RunEntity run) {
        try {
            return execute(run, false).finished();
        } finally {
            slots.release();
        }
    }

    /**
     * Runs it and records the outcome (claiming the next run with it when {@code claimNext}); the
     * finished row, when this server recorded it, is also handed to any request here waiting for the run.
     */
    private RunOutcomes.Outcome execute(RunEntity run, boolean claimNext) {
        RunOutcomes.Outcome outcome = NOTHING;
        try {
            outcome = executeAndRecord(run, claimNext ? instance.id() : null);
            return outcome;
        } finally {
            slots.ended(run.id());
            service.notifyFinished(run.id(), outcome.finished().orElse(null));
        }
    }

    private RunOutcomes.Outcome executeAndRecord(RunEntity run, @Nullable UUID claimNextFor) {
        AtomicBoolean cancel = slots.started(run.id(), run.cancelRequested());
        AtomicReference<Instant> started = new AtomicReference<>();
        try {
            RunRequest request = json.read(run.request(), RunRequest.class);
            RunResult result = engine.run(request, new RunListener() {
                @Override
                public boolean cancelled() {
                    return cancel.get();
                }

                @Override
                public void started() {
                    started.set(Instant.now());
                }

                @Override
                public void caseFinished(int done, int total) {
                    if (done < total) {
                        repository.updateProgress(run.id(), done); // the last case is recorded with the result
                    }
                }
            });
            RunResult stored = capOutputs(result);
            RunState state = result.verdict() == Verdict.INTERNAL_ERROR ? RunState.FAILED : RunState.COMPLETED;
            long runTime = result.cases().stream().mapToLong(CaseResult::wallTimeMs).sum()
                    + result.compile().timeMs();
            long memory = result.cases().stream().mapToLong(CaseResult::memoryKb).max().orElse(0);
            return outcomes.finish(run, started.get(), state, result.verdict().name(), json.write(stored),
                    result.message(), result.cases().size(), runTime, memory, claimNextFor);
        } catch (RunCancelledException e) {
            return outcomes.finish(run, started.get(), RunState.CANCELLED, null, null, "cancelled", run.casesDone(),
                    null, null, claimNextFor);
        } catch (RuntimeException e) {
            if (stopping) {
                // The database may already be closing: recovery re-queues the run.
                return NOTHING;
            }
            LOG.error("Run {} failed in the engine", run.id(), e);
            return outcomes.finish(run, started.get(), RunState.FAILED, Verdict.INTERNAL_ERROR.name(), null,
                    "the run could not be executed: " + e.getClass().getSimpleName(), 0, null, null, claimNextFor);
        }
    }

    /** Keeps at most {@code storedOutputBytes} of each stream, flagging what was cut. */
    private RunResult capOutputs(RunResult result) {
        int cap = configuration.storedOutputBytes();
        List<CaseResult> cases = result.cases().stream().map(c -> {
            String stdout = cut(c.stdout(), cap);
            String stderr = cut(c.stderr(), cap);
            return new CaseResult(c.verdict(), c.exitCode(), c.signal(), stdout, stderr,
                    c.stdoutTruncated() || stdout.length() < c.stdout().length(),
                    c.stderrTruncated() || stderr.length() < c.stderr().length(),
                    c.wallTimeMs(), c.cpuTimeMs(), c.memoryKb());
        }).toList();
        var compile = new dev.sandpod.runner.CompileResult(result.compile().status(), cut(result.compile().output(), cap),
                result.compile().timeMs());
        return new RunResult(result.verdict(), result.language(), result.version(), compile, cases, result.message());
    }

    private static String cut(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        String cut = new String(bytes, 0, maxBytes, StandardCharsets.UTF_8);
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }

    /** Passes cancellations asked of other servers (or of this one) to the runs executing here. */
    @Scheduled(fixedDelay = "${sandpod.runs.poll:250ms}")
    void pollCancellations() {
        if (!slots.idle() && !stopping) {
            repository.cancelRequestedFor(instance.id()).forEach(slots::cancel);
        }
    }

    /** Runs left RUNNING by a dead server: re-queued once, then failed. Also runs periodically. */
    @Scheduled(fixedDelay = "${sandpod.runs.stale-after:30s}", initialDelay = "${sandpod.runs.stale-after:30s}")
    void recoverOrphans() {
        if (stopping) {
            return;
        }
        Instant staleBefore = Instant.now().minus(configuration.staleAfter());
        for (RunEntity run : repository.findRunningElsewhere(instance.id())) {
            if (run.claimedBy() == null || !instance.isDead(run.claimedBy(), staleBefore)) {
                continue;
            }
            if (run.attempts() < MAX_ATTEMPTS && repository.requeue(run.id(), run.claimedBy()) > 0) {
                LOG.warn("Run {} was left running by dead server {}: re-queued", run.id(), run.claimedBy());
                service.wakeWorkers();
            } else if (outcomes.failOrphan(run, "the server running it died " + run.attempts() + " times")) {
                LOG.warn("Run {} was left running by dead server {} again: failed", run.id(), run.claimedBy());
            }
        }
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
