package dev.sandpod.runner.sandbox;

/**
 * Limits of one sandboxed process tree. {@code outputBytes} caps stdout and stderr together;
 * {@code tmpBytes} sizes the private {@code /tmp}; {@code cpus} is the CPU quota in cores.
 */
public record SandboxLimits(
        long wallMs,
        long cpuMs,
        long memoryBytes,
        int processes,
        long outputBytes,
        long fileSizeBytes,
        long tmpBytes,
        double cpus,
        int openFiles) {
}
