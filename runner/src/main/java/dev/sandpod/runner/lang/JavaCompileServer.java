package dev.sandpod.runner.lang;

import dev.sandpod.runner.CompileResult;
import dev.sandpod.runner.Trees;
import dev.sandpod.runner.sandbox.BubblewrapSandbox;
import dev.sandpod.runner.sandbox.SandboxLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A long-lived javac held inside its own sandbox (uid 65534, no network, its own cgroup): a cold
 * {@code javac} costs most of a second, a warm one a few milliseconds. Jobs are serialised; a job that
 * overruns its time or memory kills the compiler, which restarts for the next job, so a hostile source
 * costs only itself. When the compiler cannot start, callers fall back to a cold javac.
 */
public final class JavaCompileServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JavaCompileServer.class);
    private static final String CODE = "/opt/sandpod/code";
    private static final long START_TIMEOUT_MS = 60_000;

    private final BubblewrapSandbox sandbox;
    private final Path spool;
    private final Path code;
    private final SandboxLimits limits;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "javac-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private BubblewrapSandbox.Service service;
    private BufferedReader replies;

    public JavaCompileServer(BubblewrapSandbox sandbox, Path workRoot, long memoryBytes) throws IOException {
        this.sandbox = sandbox;
        this.spool = Files.createDirectories(workRoot.resolve("javac-spool"));
        this.code = Path.of(URIs.codeLocation(CompileServerMain.class));
        // No CPU budget of its own (a week): each job is bounded by the watchdog instead.
        this.limits = new SandboxLimits(Long.MAX_VALUE, TimeUnit.DAYS.toMillis(7), memoryBytes, 64, 0, 64L << 20, 64L << 20, 2, 1024);
        sandbox.prepareBox(spool);
    }

    /** Starts the compiler now (it warms up before answering), so the first Java run does not wait. */
    public synchronized boolean start() {
        if (service != null && service.process().isAlive()) {
            return true;
        }
        stop();
        try {
            // bwrap --die-with-parent follows the thread that spawned it: spawn from the long-lived watchdog thread.
            service = watchdog.submit(() -> sandbox.startService(List.of("/usr/bin/java",
                            "-Xmx" + (limits.memoryBytes() >> 21) + "m", "-XX:+UseSerialGC", "-Xshare:auto",
                            "-XX:-UsePerfData", "-cp", CODE, CompileServerMain.class.getName(), "/box"),
                    spool, Map.of(code, CODE), Map.of(), limits)).get();
            replies = new BufferedReader(new InputStreamReader(service.process().getInputStream(), StandardCharsets.UTF_8));
            String ready = awaitLine(START_TIMEOUT_MS).line();
            if (!"READY".equals(ready)) {
                throw new IOException("the compiler answered " + ready);
            }
            return true;
        } catch (IOException | ExecutionException e) {
            LOG.warn("Warm Java compiler unavailable, using cold javac: {}", e.getMessage());
            stop();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        }
    }

    /**
     * Compiles every {@code .java} file of {@code box} into {@code box}, or returns null when the warm
     * compiler is not running (the caller then compiles cold).
     */
    public synchronized CompileResult compile(Path box, long timeoutMs) throws IOException {
        if (!start()) {
            return null;
        }
        long started = System.nanoTime();
        String job = UUID.randomUUID().toString();
        Path dir = spool.resolve(job);
        try {
            copyTree(box, dir.resolve("src"));
            sandbox.prepareBox(dir);
            OutputStream requests = service.process().getOutputStream();
            requests.write((job + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            Reply reply = awaitLine(timeoutMs);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (reply.line() == null) {
                boolean oom = service.cgroup().oomKilled();
                stop();
                String status = reply.timedOut() ? "TIME_LIMIT" : oom ? "MEMORY_LIMIT" : "ERROR";
                return new CompileResult(status, reply.timedOut() ? "compilation exceeded its time limit"
                        : oom ? "compilation exceeded its memory limit" : "the compiler crashed", ms);
            }
            String[] parts = reply.line().split(" ", 2);
            String output = parts.length == 2 ? new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "";
            if ("OK".equals(parts[0])) {
                copyTree(dir.resolve("out"), box);
                return new CompileResult("OK", output, ms);
            }
            return new CompileResult("ERROR", output, ms);
        } finally {
            Trees.delete(dir);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        watchdog.shutdownNow();
    }

    private void stop() {
        if (service != null) {
            service.close();
            service = null;
            replies = null;
        }
    }

    private record Reply(String line, boolean timedOut) {
    }

    /** Reads one reply; past the timeout the compiler is killed, which ends the read. */
    private Reply awaitLine(long timeoutMs) throws IOException {
        AtomicBoolean fired = new AtomicBoolean();
        BubblewrapSandbox.Service current = service;
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            fired.set(true);
            current.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            String line = replies.readLine();
            return new Reply(line, fired.get());
        } catch (IOException e) {
            return new Reply(null, fired.get());
        } finally {
            kill.cancel(false);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(source)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
