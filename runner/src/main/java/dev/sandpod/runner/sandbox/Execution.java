package dev.sandpod.runner.sandbox;

/**
 * What happened to one sandboxed process tree. {@code exitCode} is null when it was killed by a
 * signal ({@code signal} names it). The {@code *Exceeded} flags say which limit ended it.
 */
public record Execution(
        Integer exitCode,
        String signal,
        byte[] stdout,
        byte[] stderr,
        boolean outputExceeded,
        boolean wallTimeExceeded,
        boolean cpuTimeExceeded,
        boolean memoryExceeded,
        long wallMs,
        long cpuMs,
        long memoryKb) {

    public boolean succeeded() {
        return exitCode != null && exitCode == 0 && !outputExceeded && !wallTimeExceeded && !cpuTimeExceeded
                && !memoryExceeded;
    }
}
