package dev.sandpod.api.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The run queue ({@code sandpod.runs.*}, env {@code SANDPOD_RUNS_*}).
 *
 * @param workers           runs this process holds at once (default: one more than the engine executes at once, so
 *                          the engine never waits on the database between runs; 0: it only accepts runs)
 * @param maxQueue          queued runs past which submissions get 429
 * @param maxWait           the longest {@code wait=true} holds a request before answering 202
 * @param poll              how often idle workers look for runs submitted to other processes
 * @param waitPoll          how often a waiting request re-reads its run in case an end notification was
 *                          missed (while notifications are not arriving: every 100 ms)
 * @param staleAfter        a server whose heartbeat is older than this is presumed dead
 * @param storedOutputBytes stdout/stderr kept per case and stream; the rest is cut and flagged
 * @param maxSourceBytes    largest source (or files together)
 * @param maxFiles          most files in one request
 * @param maxTestCases      most test cases in one request
 * @param maxStdinBytes     largest stdin (or all test-case stdins and expected outputs together)
 */
@ConfigurationProperties("sandpod.runs")
public record RunsConfiguration(
        @Bindable(defaultValue = "-1") int workers,
        @Bindable(defaultValue = "1000") int maxQueue,
        @Bindable(defaultValue = "30s") Duration maxWait,
        @Bindable(defaultValue = "250ms") Duration poll,
        @Bindable(defaultValue = "2s") Duration waitPoll,
        @Bindable(defaultValue = "30s") Duration staleAfter,
        @Bindable(defaultValue = "65536") int storedOutputBytes,
        @Bindable(defaultValue = "524288") int maxSourceBytes,
        @Bindable(defaultValue = "32") int maxFiles,
        @Bindable(defaultValue = "100") int maxTestCases,
        @Bindable(defaultValue = "4194304") int maxStdinBytes) {

    /** The configured worker count, or by default one more than {@code engineConcurrency}. */
    public int workerCount(int engineConcurrency) {
        return workers >= 0 ? workers : engineConcurrency + 1;
    }
}
