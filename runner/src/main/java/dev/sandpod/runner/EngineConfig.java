package dev.sandpod.runner;

import java.nio.file.Path;

/**
 * How the engine runs. {@code defaults} fill a request's missing limits; {@code maximums} bound what a
 * request may ask for; {@code compile} limits every compilation. {@code warmCompilers} keeps a
 * sandboxed javac running between runs (compiles in milliseconds instead of most of a second).
 */
public record EngineConfig(
        Isolation isolation,
        Path workRoot,
        int concurrency,
        Limits defaults,
        Limits maximums,
        Limits compile,
        long tmpBytes,
        double runCpus,
        int openFiles,
        boolean warmCompilers) {

    public enum Isolation {
        /** bubblewrap + setpriv + cgroups + rlimits. */
        BUBBLEWRAP,
        /** No isolation at all: development only. */
        NONE
    }

    public static final Limits DEFAULT_LIMITS = new Limits(5_000L, 3_000L, 256, 64, 1L << 20, 16L << 20);
    public static final Limits MAXIMUM_LIMITS = new Limits(30_000L, 20_000L, 1024, 256, 16L << 20, 128L << 20);
    public static final Limits COMPILE_LIMITS = new Limits(30_000L, 30_000L, 1024, 256, 64L << 10, 128L << 20);

    public static EngineConfig standard() {
        return new EngineConfig(Isolation.BUBBLEWRAP,
                Path.of(System.getProperty("java.io.tmpdir"), "sandpod-runner"),
                Runtime.getRuntime().availableProcessors(),
                DEFAULT_LIMITS, MAXIMUM_LIMITS, COMPILE_LIMITS, 64L << 20, 1.0, 256, true);
    }

    public EngineConfig withIsolation(Isolation value) {
        return new EngineConfig(value, workRoot, concurrency, defaults, maximums, compile, tmpBytes, runCpus, openFiles, warmCompilers);
    }

    public EngineConfig withWorkRoot(Path value) {
        return new EngineConfig(isolation, value, concurrency, defaults, maximums, compile, tmpBytes, runCpus, openFiles, warmCompilers);
    }

    public EngineConfig withWarmCompilers(boolean value) {
        return new EngineConfig(isolation, workRoot, concurrency, defaults, maximums, compile, tmpBytes, runCpus, openFiles, value);
    }

    public EngineConfig withConcurrency(int value) {
        return new EngineConfig(isolation, workRoot, value, defaults, maximums, compile, tmpBytes, runCpus, openFiles, warmCompilers);
    }
}
