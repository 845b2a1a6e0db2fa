import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineConfig;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;
import dev.sandpod.runner.sandbox.Execution;
import dev.sandpod.runner.sandbox.Sandbox;
import dev.sandpod.runner.sandbox.SandboxCommand;
import dev.sandpod.runner.sandbox.SandboxLimits;
import dev.sandpod.runner.sandbox.SandboxProbe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sandboxed versus bare: hello worlds in C, Python and Java, and sandboxed Python throughput.
 * Run with bench/engine (builds the runner first). Prints a table; not a test.
 */
public final class EngineBench {

    private static final int ROUNDS = Integer.getInteger("rounds", 40);
    private static final long THROUGHPUT_MS = Long.getLong("seconds", 10L) * 1000;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("sandpod-bench-");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path box = Files.createDirectories(work.resolve("box"));
        Files.writeString(box.resolve("main.c"), "#include <stdio.h>\nint main(){puts(\"hello\");return 0;}\n");
        Files.writeString(box.resolve("main.py"), "print('hello')\n");
        Files.writeString(box.resolve("Main.java"),
                "public class Main { public static void main(String[] a) { System.out.println(\"hello\"); } }\n");
        check(new ProcessBuilder("gcc", "-O2", "-o", "main", "main.c").directory(box.toFile()).inheritIO().start().waitFor());

        SandboxProbe.Outcome probe = SandboxProbe.bubblewrap(work.resolve("sandbox"));
        if (!probe.available()) {
            throw new IllegalStateException("no sandbox here: " + probe.unavailableReason());
        }
        Sandbox sandbox = probe.sandbox();
        sandbox.prepareBox(box);
        SandboxLimits limits = new SandboxLimits(10_000, 10_000, 256L << 20, 64, 1 << 20, 16 << 20, 64 << 20, 1, 256);

        System.out.printf("%-34s %10s %10s %8s %10s%n", "case (p50 over " + ROUNDS + " runs)", "bare ms", "sandbox ms",
                "ratio", "overhead");
        row("C hello (prebuilt binary)", bare(box, "./main"), sandboxed(sandbox, box, limits, "./main"));
        row("Python hello", bare(box, "/usr/bin/python3", "-B", "main.py"),
                sandboxed(sandbox, box, limits, "/usr/bin/python3", "-B", "main.py"));

        Engine engine = Engine.start(EngineConfig.standard().withWorkRoot(work.resolve("engine")));
        RunRequest java = new RunRequest("java", null, Files.readString(box.resolve("Main.java")), null, null, null, null);
        List<Double> bareJava = new ArrayList<>();
        List<Double> engineJava = new ArrayList<>();
        for (int i = 0; i < Math.max(5, ROUNDS / 4); i++) {
            long start = System.nanoTime();
            check(new ProcessBuilder("javac", "-d", work.resolve("classes").toString(), "Main.java")
                    .directory(box.toFile()).start().waitFor());
            check(new ProcessBuilder("java", "-cp", work.resolve("classes").toString(), "Main").start().waitFor());
            bareJava.add(ms(start));
            start = System.nanoTime();
            RunResult result = engine.run(java);
            engineJava.add(ms(start));
            if (result.verdict() != Verdict.OK) {
                throw new IllegalStateException("java run failed: " + result);
            }
        }
        row("Java compile + run (cold javac)", p50(bareJava), p50(engineJava));

        System.out.printf("%nSandboxed Python hello world throughput through the engine (%d s each):%n", THROUGHPUT_MS / 1000);
        RunRequest python = new RunRequest("python", null, "print('hello')", null, null, null, null);
        for (int concurrency : new int[] {1, 2, 4}) {
            System.out.printf("  concurrency %d: %6.1f runs/s%n", concurrency, throughput(engine, python, concurrency));
        }
    }

    private static double throughput(Engine engine, RunRequest request, int concurrency) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long until = System.currentTimeMillis() + THROUGHPUT_MS;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            pool.submit(() -> {
                while (System.currentTimeMillis() < until) {
                    RunResult result = engine.run(request);
                    (result.verdict() == Verdict.OK ? done : failed).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        if (failed.get() > 0) {
            System.out.printf("  (%d runs failed)%n", failed.get());
        }
        return done.get() / (ms(start) / 1000.0);
    }

    private static double bare(Path box, String... argv) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(argv).directory(box.toFile()).start();
            process.getInputStream().readAllBytes();
            check(process.waitFor());
            times.add(ms(start));
        }
        return p50(times);
    }

    private static double sandboxed(Sandbox sandbox, Path box, SandboxLimits limits, String... argv) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            Execution execution = sandbox.execute(new SandboxCommand(List.of(argv), box, false, new byte[0], Map.of(), limits));
            times.add(ms(start));
            if (!execution.succeeded()) {
                throw new IllegalStateException("sandboxed run failed: " + new String(execution.stderr()));
            }
        }
        return p50(times);
    }

    private static void row(String name, double bare, double sandboxed) {
        System.out.printf("%-34s %10.1f %10.1f %7.2fx %+9.1f ms%n", name, bare, sandboxed, sandboxed / bare, sandboxed - bare);
    }

    private static double p50(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static void check(int exit) {
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit);
        }
    }
}
