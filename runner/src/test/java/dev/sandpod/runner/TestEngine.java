package dev.sandpod.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real, sandboxed engine for the test JVM. The tests fail (not skip) when this host cannot sandbox. */
final class TestEngine {

    static final Engine ENGINE = start();

    private TestEngine() {
    }

    private static Engine start() {
        try {
            Path work = Files.createTempDirectory("sandpod-runner-test-");
            Engine engine = Engine.start(EngineConfig.standard().withWorkRoot(work).withConcurrency(2));
            assertTrue(engine.available(), "the sandbox must work here: " + engine.unavailableReason());
            return engine;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunResult run(String language, String source) {
        return ENGINE.run(new RunRequest(language, null, source, null, null, null, null));
    }

    static RunResult run(String language, String source, String stdin, Limits limits) {
        return ENGINE.run(new RunRequest(language, null, source, null, stdin, null, limits));
    }

    static CaseResult only(RunResult result) {
        assertEquals(1, result.cases().size(), () -> "one case expected: " + result);
        return result.cases().get(0);
    }

    static Limits limits(long wallMs, long cpuMs, int memoryMb) {
        return new Limits(wallMs, cpuMs, memoryMb, null, null, null);
    }

    /** This JVM's execution groups ({@code x<hex pid>-…}); other builds on the machine have their own. */
    private static final String OWN_GROUPS = "x" + Long.toHexString(ProcessHandle.current().pid()) + "-";

    /**
     * Nothing of a run may survive it: no work directory, no execution cgroup of this JVM (the warm
     * compiler's {@code s…} group lives on), no process in one.
     */
    static void assertNothingLeft() throws IOException {
        assertEquals(0, ENGINE.leftoverWorkDirs(), "work directories left behind");
        assertEquals(List.of(), leftoverCgroups(), "cgroups left behind");
        assertEquals(List.of(), sandboxProcesses(), "sandbox processes left behind");
    }

    static List<Path> leftoverCgroups() throws IOException {
        try (Stream<Path> mounts = Files.list(Path.of("/sys/fs/cgroup"))) {
            return mounts.flatMap(TestEngine::sandpodChildren).toList();
        }
    }

    private static Stream<Path> sandpodChildren(Path mount) {
        try (Stream<Path> walk = Files.walk(mount, 6)) {
            return walk.filter(path -> path.getParent() != null && path.getParent().getFileName() != null
                            && path.getParent().getFileName().toString().equals("sandpod") && Files.isDirectory(path)
                            && path.getFileName().toString().startsWith(OWN_GROUPS))
                    .toList().stream();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Stream.empty();
        }
    }

    /** Processes still inside one of this JVM's execution groups (a process cannot leave its group). */
    static List<String> sandboxProcesses() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> readQuietly(p.resolve("cgroup")).contains("/sandpod/" + OWN_GROUPS))
                    .map(p -> p.getFileName() + " " + readQuietly(p.resolve("cmdline")))
                    .toList();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file)).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
