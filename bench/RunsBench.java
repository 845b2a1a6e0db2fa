import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineConfig;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runs API against the engine called directly: POST /runs?wait=true overhead (p50, p99),
 * throughput at concurrency 8, and 1,000 async submissions surviving a SIGKILL of the server.
 * Run with bench/runs. Prints a table; not a test.
 */
public final class RunsBench {

    private static final String SOURCE = "print('hello')";
    private static final String BODY = "{\"language\":\"python\",\"source\":\"print('hello')\"}";
    private static final int ROUNDS = Integer.getInteger("rounds", 100);
    private static final int WARMUP = Integer.getInteger("warmup", 200);
    /** Load at concurrency 8 before measuring: a server JVM keeps JIT-compiling for a minute or so. */
    private static final long WARMUP_SECONDS = Long.getLong("warmupSeconds", 45L);
    private static final long SECONDS = Long.getLong("seconds", 30L);
    private static final int SUBMISSIONS = Integer.getInteger("submissions", 1000);
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern WALL = Pattern.compile("\"wallTimeMs\":(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("sandpod-runs-bench-");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        RunRequest request = new RunRequest("python", null, SOURCE, null, null, null, null);

        double[] engineLatency;
        double engineThroughput;
        try (Engine engine = Engine.start(EngineConfig.standard().withWorkRoot(work.resolve("engine")).withConcurrency(2))) {
            for (int i = 0; i < WARMUP; i++) {
                engine.run(request);
            }
            throughput(() -> check(engine.run(request)), WARMUP_SECONDS);
            engineLatency = latencies(() -> wallOf(engine.run(request)));
            engineThroughput = throughput(() -> check(engine.run(request)));
        }

        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        String base = "http://127.0.0.1:" + port;
        Path dataDir = work.resolve("data");
        Process server = startServer(port, dataDir, work);
        double[] apiLatency;
        double apiThroughput;
        try {
            for (int i = 0; i < WARMUP; i++) {
                post(base + "/api/v1/runs?wait=true");
            }
            throughput(() -> post(base + "/api/v1/runs?wait=true"), WARMUP_SECONDS);
            apiLatency = latencies(() -> {
                String body = post(base + "/api/v1/runs?wait=true");
                Matcher wall = WALL.matcher(body);
                if (!body.contains("\"verdict\":\"OK\"") || !wall.find()) {
                    throw new IllegalStateException("run failed: " + body);
                }
                return Long.parseLong(wall.group(1));
            });
            apiThroughput = throughput(() -> {
                if (!post(base + "/api/v1/runs?wait=true").contains("\"verdict\":\"OK\"")) {
                    throw new IllegalStateException("run failed");
                }
            });
        } finally {
            server.destroy();
            server.waitFor();
        }

        System.out.printf("%-44s %10s %10s %10s%n", "Python hello world", "engine", "API", "API-engine");
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p50 latency, ms (POST /runs?wait=true)",
                engineLatency[0], apiLatency[0], apiLatency[0] - engineLatency[0]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p99 latency, ms", engineLatency[1], apiLatency[1],
                apiLatency[1] - engineLatency[1]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p50, ms, less the program's own wall time",
                engineLatency[2], apiLatency[2], apiLatency[2] - engineLatency[2]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p99, ms, less the program's own wall time",
                engineLatency[3], apiLatency[3], apiLatency[3] - engineLatency[3]);
        System.out.printf("%-44s %10.1f %10.1f %9.0f%%%n", "throughput, runs/s at concurrency 8 (" + SECONDS + " s)",
                engineThroughput, apiThroughput, 100 * apiThroughput / engineThroughput);

        durability(port, base, dataDir, work);
    }

    /** Submits asynchronously, SIGKILLs the server halfway, restarts it, and checks every run finished. */
    private static void durability(int port, String base, Path dataDir, Path work) throws Exception {
        Process server = startServer(port, dataDir, work);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < SUBMISSIONS; i++) {
            if (i == SUBMISSIONS / 2) {
                server.destroyForcibly().waitFor();
                System.out.printf("%nSIGKILLed the server after %d accepted submissions; restarting%n", ids.size());
                server = startServer(port, dataDir, work);
            }
            String response = post(base + "/api/v1/runs");
            Matcher id = ID.matcher(response);
            if (id.find()) {
                ids.add(id.group(1));
            } else {
                refused.incrementAndGet();
            }
        }
        int finished = 0;
        int completed = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<String> still = new ArrayList<>();
            for (String id : pending) {
                Matcher state = STATE.matcher(get(base + "/api/v1/runs/" + id + "/status"));
                String value = state.find() ? state.group(1) : "?";
                if (value.equals("COMPLETED") || value.equals("FAILED") || value.equals("CANCELLED")) {
                    finished++;
                    completed += value.equals("COMPLETED") ? 1 : 0;
                } else {
                    still.add(id);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        server.destroy();
        server.waitFor();
        System.out.printf("%d submissions: %d accepted, %d refused (429), %d finished (%d COMPLETED), %d lost, %.1f s%n",
                SUBMISSIONS, ids.size(), refused.get(), finished, completed, pending.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private static Process startServer(int port, Path dataDir, Path work) throws Exception {
        // the server as ./sandpod start runs it, with its default JVM options
        String javaOptions = System.getenv().getOrDefault("SANDPOD_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", "api/target/sandpod-api.jar"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
        builder.environment().put("SANDPOD_PORT", Integer.toString(port));
        builder.environment().put("SANDPOD_DATA_DIR", dataDir.toString());
        builder.environment().put("SANDPOD_ENGINE_WORK_ROOT", work.resolve("engine-api").toString());
        builder.environment().put("SANDPOD_RUNS_MAX_QUEUE", Integer.toString(SUBMISSIONS * 2));
        // the bench measures the queue, not the per-identity rate limits (a limit of 0 is off)
        builder.environment().put("SANDPOD_RATE_LIMITS_DEFAULT_LIMIT", "0");
        builder.environment().put("SANDPOD_RATE_LIMITS_RUNS_LIMIT", "0");
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("SANDPOD_")) {
                builder.environment().put(key, value); // lets a run of the bench tune the server
            }
        });
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get("http://127.0.0.1:" + port + "/api/health/").contains("healthy")) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not start; see " + work.resolve("server.log"));
    }

    private interface Task {
        void run() throws Exception;
    }

    /** A run that reports its program's own wall time (ms). */
    private interface TimedRun {
        long run() throws Exception;
    }

    /**
     * p50 and p99 of the latency, then p50 and p99 of the latency less the program's own wall time:
     * Python's start-up varies by several ms from run to run, and this takes it out of the comparison.
     */
    private static double[] latencies(TimedRun task) throws Exception {
        List<Double> times = new ArrayList<>();
        List<Double> net = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            long wall = task.run();
            double ms = (System.nanoTime() - start) / 1e6;
            times.add(ms);
            net.add(ms - wall);
        }
        Collections.sort(times);
        Collections.sort(net);
        int p99 = (int) Math.ceil(times.size() * 0.99) - 1;
        return new double[] {times.get(times.size() / 2), times.get(p99), net.get(net.size() / 2), net.get(p99)};
    }

    private static long wallOf(RunResult result) {
        check(result);
        return result.cases().get(0).wallTimeMs();
    }

    private static double throughput(Task task) throws Exception {
        return throughput(task, SECONDS);
    }

    private static double throughput(Task task, long seconds) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < until) {
                    try {
                        task.run();
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            System.out.printf("(%d errors)%n", failed.get());
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static String post(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void check(RunResult result) {
        if (result.verdict() != Verdict.OK) {
            throw new IllegalStateException("run failed: " + result);
        }
    }
}
