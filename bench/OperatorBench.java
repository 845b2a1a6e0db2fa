import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator (its shaded jar, in its own JVM with -Xmx256m, as deployed) against Fabric8's mock API
 * server in CRUD mode. Measures CodeRun created -> Pod seen at a steady rate, then fills the cluster to
 * {@code total} CodeRuns and reads the operator's heap after a full GC. Prints a table; not a test.
 */
public final class OperatorBench {

    private static final int RATE = Integer.getInteger("rate", 100);
    private static final int SECONDS = Integer.getInteger("seconds", 10);
    private static final int TOTAL = Integer.getInteger("total", 5000);

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        KubernetesClient client = server.createClient();
        String master = client.getConfiguration().getMasterUrl();

        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
        client.pods().inAnyNamespace().watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String run = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("sandpod.dev/coderun");
                Long start = run == null ? null : created.get(run);
                if (action == Action.ADDED && start != null) {
                    latencyNanos.putIfAbsent(run, System.nanoTime() - start);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });

        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-XX:+UseSerialGC", "-Dkubernetes.master=" + master, "-Dkubernetes.trust.certificates=true",
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-jar", Path.of("operator/target/sandpod-operator.jar").toString())
                .redirectErrorStream(true).redirectOutput(Path.of("operator/target/bench-operator.log").toFile());
        builder.environment().put("SANDPOD_LEADER_ELECTION", "false");
        builder.environment().put("SANDPOD_OPERATOR_HTTP_PORT", "0");
        Process operator = builder.start();
        try {
            // warm-up: the first runs pay for class loading and informer start
            submitAt(client, created, "warm", 20, 20);
            waitForPods(latencyNanos, 20, 60);
            latencyNanos.clear();

            int measured = RATE * SECONDS;
            submitAt(client, created, "run", measured, RATE);
            waitForPods(latencyNanos, measured, 120);
            double[] ms = latencyNanos.entrySet().stream().filter(e -> e.getKey().startsWith("run-"))
                    .mapToDouble(e -> e.getValue() / 1e6).sorted().toArray();

            int rest = TOTAL - 20 - measured;
            submitAt(client, created, "fill", rest, 500);
            waitForPods(latencyNanos, TOTAL - 20, 600);
            long heap = heapAfterGc(operator.pid());

            System.out.printf("%-52s %10s %10s%n", "Operator (mock API server, CRUD mode)", "measured", "target");
            System.out.printf("%-52s %10.1f %10s%n", "CodeRun -> Pod p50, ms (" + RATE + " CodeRuns/s, " + ms.length + ")",
                    ms[ms.length / 2], "<= 50");
            System.out.printf("%-52s %10.1f %10s%n", "CodeRun -> Pod p99, ms", ms[(int) (ms.length * 0.99)], "");
            System.out.printf("%-52s %10.1f %10s%n", "operator heap after full GC, MB (" + TOTAL + " CodeRuns)",
                    heap / 1048576.0, "<= 256");
            System.out.printf("%-52s %10s%n", "operator alive under -Xmx256m", operator.isAlive() ? "yes" : "NO");
        } finally {
            operator.destroy();
            operator.waitFor(10, TimeUnit.SECONDS);
            client.close();
            server.destroy();
        }
    }

    private static void submitAt(KubernetesClient client, Map<String, Long> created, String prefix, int count, int perSecond)
            throws InterruptedException {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        long periodMicros = 1_000_000L / perSecond;
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            String name = prefix + "-" + i;
            CodeRun run = new CodeRun();
            run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bench").build());
            CodeRunSpec spec = new CodeRunSpec();
            spec.setLanguage("python");
            spec.setSource("print(" + i + ")");
            run.setSpec(spec);
            created.put(name, System.nanoTime());
            client.resource(run).create();
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (next.get() < count) {
            Thread.sleep(50);
        }
        pacer.shutdown();
        pacer.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static void waitForPods(Map<String, Long> seen, int expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (seen.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (seen.size() < expected) {
            throw new IllegalStateException("only " + seen.size() + " of " + expected + " pods appeared");
        }
    }

    /** Used heap of the operator JVM right after a full GC, from jcmd. */
    private static long heapAfterGc(long pid) throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        long total = 0;
        for (String line : info.split("\n")) {
            Matcher used = Pattern.compile("generation .*used (\\d+)K").matcher(line);
            if (used.find()) {
                total += Long.parseLong(used.group(1)) * 1024;
            }
        }
        return total;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            reader.lines().forEach(line -> out.append(line).append('\n'));
        }
        process.waitFor();
        return out.toString();
    }
}
