package dev.sandpod.runner.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One program to run inside the sandbox, in {@code /box} (the host directory {@code box}), writable
 * only when {@code boxWritable} (compilation); runs see it read-only and write to their own /tmp.
 * When {@code cancelled} turns true the process tree is killed.
 */
public record SandboxCommand(
        List<String> argv,
        Path box,
        boolean boxWritable,
        byte[] stdin,
        Map<String, String> env,
        SandboxLimits limits,
        BooleanSupplier cancelled) {

    public SandboxCommand(List<String> argv, Path box, boolean boxWritable, byte[] stdin, Map<String, String> env,
                          SandboxLimits limits) {
        this(argv, box, boxWritable, stdin, env, limits, () -> false);
    }
}
