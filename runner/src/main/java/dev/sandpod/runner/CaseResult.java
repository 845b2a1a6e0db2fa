package dev.sandpod.runner;

/** The outcome of one test case. {@code signal} is a name such as {@code SIGSEGV}, or null. */
public record CaseResult(
        Verdict verdict,
        Integer exitCode,
        String signal,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        long wallTimeMs,
        long cpuTimeMs,
        long memoryKb) {
}
