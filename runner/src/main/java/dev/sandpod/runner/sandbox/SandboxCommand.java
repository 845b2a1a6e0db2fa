package dev.sandpod.runner.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One program to run inside the sandbox, in {@code /box} (the host directory {@code box}), writable
 * only when {@code boxWritable} (compilation); runs see it read-only and write to their own /tmp.
 */
public record SandboxCommand(
        List<String> argv,
        Path box,
        boolean boxWritable,
        byte[] stdin,
        Map<String, String> env,
        SandboxLimits limits) {
}
