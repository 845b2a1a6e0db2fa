package dev.sandpod.api.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The run queue ({@code sandpod.runs.*}, env {@code SANDPOD_RUNS_*}).
 *
 * @param workers           runs this process executes at once (default: the number of CPUs; 0: it only accepts runs)
 * @param maxQueue          queued runs past which submissions get 429
 * @param maxWait           the longest {@code wait=true} holds a request before answering 202
 * @param poll              how often idle workers look for runs submitted to other processes
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
        @Bindable(defaultValue = "30s") Duration staleAfter,
        @Bindable(defaultValue = "65536") int storedOutputBytes,
        @Bindable(defaultValue = "524288") int maxSourceBytes,
        @Bindable(defaultValue = "32") int maxFiles,
        @Bindable(defaultValue = "100") int maxTestCases,
        @Bindable(defaultValue = "4194304") int maxStdinBytes) {

    public int workerCount() {
        return workers >= 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
