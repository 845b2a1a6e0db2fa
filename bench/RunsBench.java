import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineConfig;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
    /** The load phases alternate, engine then API, in this many blocks. */
    private static final int BLOCKS = Integer.getInteger("blocks", 3);
    private static final int SUBMISSIONS = Integer.getInteger("submissions", 1000);
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern WALL = Pattern.compile("\"wallTimeMs\":(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("sandpod-runs-bench-");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        RunRequest request = new RunRequest("python", null, SOURCE, null, null, null, null);
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        String base = "http://127.0.0.1:" + port;
        Path dataDir = work.resolve("data");

        // Both sides stay up and take turns, so drift in the machine's speed falls on both alike.
        Process server = startServer(port, dataDir, work);
        TimedRun viaApi = () -> {
            String body = post(base + "/api/v1/runs?wait=true");
            Matcher wall = WALL.matcher(body);
            if (!body.contains("\"verdict\":\"OK\"") || !wall.find()) {
                throw new IllegalStateException("run failed: " + body);
            }
            return Long.parseLong(wall.group(1));
        };
        double[][] latency;
        Phase engineLoad = new Phase("bench JVM (engine)", null);
        Phase apiLoad = new Phase("bench JVM (load generator)", server.toHandle());
        try (Engine engine = Engine.start(EngineConfig.standard().withWorkRoot(work.resolve("engine")).withConcurrency(2))) {
            TimedRun direct = () -> wallOf(engine.run(request));
            for (int i = 0; i < WARMUP; i++) {
                direct.run();
                viaApi.run();
            }
            load(direct, WARMUP_SECONDS / 3);
            load(viaApi, WARMUP_SECONDS); // a server JVM keeps compiling for a while
            latency = latencies(direct, viaApi);
            for (int block = 0; block < BLOCKS; block++) {
                engineLoad.measure(direct, SECONDS / BLOCKS);
                apiLoad.measure(viaApi, SECONDS / BLOCKS);
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
        double[] engineLatency = latency[0];
        double[] apiLatency = latency[1];

        System.out.printf("%-44s %10s %10s %10s%n", "Python hello world", "engine", "API", "API-engine");
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p50 latency, ms (POST /runs?wait=true)",
                engineLatency[0], apiLatency[0], apiLatency[0] - engineLatency[0]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p99 latency, ms", engineLatency[1], apiLatency[1],
                apiLatency[1] - engineLatency[1]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p50, ms, less the program's own wall time",
                engineLatency[2], apiLatency[2], apiLatency[2] - engineLatency[2]);
        System.out.printf("%-44s %10.1f %10.1f %+10.1f%n", "p99, ms, less the program's own wall time",
                engineLatency[3], apiLatency[3], apiLatency[3] - engineLatency[3]);
        System.out.printf("%-44s %10.1f %10.1f %9.0f%%%n",
                "runs/s at concurrency 8 (" + BLOCKS + " x " + SECONDS / BLOCKS + " s each)", engineLoad.runsPerSecond(),
                apiLoad.runsPerSecond(), 100 * apiLoad.runsPerSecond() / engineLoad.runsPerSecond());
        System.out.printf("%-44s %10d %10d%n", "errors under load", engineLoad.errors, apiLoad.errors);

        System.out.printf("%nCPU per run under that load, ms%n");
        Map<String, Double> engineCpu = engineLoad.cpuPerRun();
        Map<String, Double> apiCpu = apiLoad.cpuPerRun();
        engineCpu.forEach((part, ms) -> {
            if (!apiCpu.containsKey(part)) {
                System.out.printf("%-44s %10.2f%n", part, ms);
            }
        });
        apiCpu.forEach((part, ms) -> System.out.printf("%-44s %10s %10.2f%n", part,
                engineCpu.containsKey(part) ? String.format("%.2f", engineCpu.get(part)) : "", ms));

        durability(port, base, dataDir, work);
    }

    /** One side's load blocks: runs, seconds, errors and CPU ticks, summed. */
    private static final class Phase {
        private final String self;
        private final ProcessHandle server;
        private final Map<String, Long> ticks = new java.util.LinkedHashMap<>();
        private long runs;
        private double seconds;
        private int errors;

        Phase(String self, ProcessHandle server) {
            this.self = self;
            this.server = server;
        }

        void measure(TimedRun task, long blockSeconds) throws Exception {
            Map<String, Long> before = Cpu.sample(self, server);
            long start = System.nanoTime();
            int[] counts = load(task, blockSeconds);
            seconds += (System.nanoTime() - start) / 1e9;
            Cpu.sample(self, server).forEach((part, value) ->
                    ticks.merge(part, value - before.getOrDefault(part, 0L), Long::sum));
            runs += counts[0];
            errors += counts[1];
        }

        double runsPerSecond() {
            return runs / seconds;
        }

        Map<String, Double> cpuPerRun() {
            Map<String, Double> perRun = new java.util.LinkedHashMap<>();
            ticks.forEach((part, value) -> perRun.put(part, value * Cpu.MS_PER_TICK / runs));
            return perRun;
        }
    }

    /**
     * CPU time from /proc, split into this JVM (the engine, or the load generator), the server JVM,
     * PostgreSQL, and everything else on the machine (mostly the sandboxed programs and the kernel).
     */
    private static final class Cpu {

        static final double MS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

        static Map<String, Long> sample(String self, ProcessHandle server) throws java.io.IOException {
            Map<String, Long> ticks = new java.util.LinkedHashMap<>();
            long own = ownTicks(ProcessHandle.current().pid());
            long total = machineTicks();
            ticks.put(self, own);
            long others = total - own;
            if (server != null) {
                long serverTicks = ownTicks(server.pid());
                // the embedded PostgreSQL daemonizes, so it is no descendant of the server: found by name
                long postgres = ProcessHandle.allProcesses()
                        .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
                        .mapToLong(p -> ownTicks(p.pid())).sum();
                ticks.put("server JVM", serverTicks);
                ticks.put("PostgreSQL", postgres);
                others -= serverTicks + postgres;
            }
            ticks.put("everything else (sandboxes, kernel)", others);
            ticks.put("machine total", total);
            return ticks;
        }

        /** utime + stime of one process (not its children), in clock ticks; 0 once it has gone. */
        private static long ownTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException gone) {
                return 0;
            }
        }

        /** Busy ticks of the whole machine: user, nice, system, irq, softirq and steal. */
        private static long machineTicks() throws java.io.IOException {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        }
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
        builder.environment().put("SANDPOD_RUNS_MAX_QUEUE", Integer.toString(Math.max(1000, SUBMISSIONS * 2)));
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

    /** A run that reports its program's own wall time (ms). */
    private interface TimedRun {
        long run() throws Exception;
    }

    /**
     * For each side, taking turns run by run: p50 and p99 of the latency, then p50 and p99 of the latency
     * less the program's own wall time (Python's start-up varies by several ms from run to run).
     */
    private static double[][] latencies(TimedRun... sides) throws Exception {
        List<List<Double>> times = new ArrayList<>();
        List<List<Double>> net = new ArrayList<>();
        for (TimedRun ignored : sides) {
            times.add(new ArrayList<>());
            net.add(new ArrayList<>());
        }
        for (int i = 0; i < ROUNDS; i++) {
            for (int side = 0; side < sides.length; side++) {
                long start = System.nanoTime();
                long wall = sides[side].run();
                double ms = (System.nanoTime() - start) / 1e6;
                times.get(side).add(ms);
                net.get(side).add(ms - wall);
            }
        }
        double[][] result = new double[sides.length][];
        int p99 = (int) Math.ceil(ROUNDS * 0.99) - 1;
        for (int side = 0; side < sides.length; side++) {
            List<Double> all = times.get(side);
            List<Double> less = net.get(side);
            Collections.sort(all);
            Collections.sort(less);
            result[side] = new double[] {all.get(ROUNDS / 2), all.get(p99), less.get(ROUNDS / 2), less.get(p99)};
        }
        return result;
    }

    private static long wallOf(RunResult result) {
        check(result);
        return result.cases().get(0).wallTimeMs();
    }

    /** Eight callers running {@code task} back to back for {@code seconds}; returns {runs done, errors}. */
    private static int[] load(TimedRun task, long seconds) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
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
        return new int[] {done.get(), failed.get()};
    }

    /**
     * HttpURLConnection (persistent connections, no selector thread): the load generator shares the
     * two cores with the server, so it should take as little of them as it can.
     */
    private static String post(String url) throws Exception {
        return call(url, BODY);
    }

    private static String get(String url) throws Exception {
        return call(url, null);
    }

    private static String call(String url, String body) throws java.io.IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (body != null) {
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setDoOutput(true);
            try (var out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        var in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream();
        try (in) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void check(RunResult result) {
        if (result.verdict() != Verdict.OK) {
            throw new IllegalStateException("run failed: " + result);
        }
    }
}
