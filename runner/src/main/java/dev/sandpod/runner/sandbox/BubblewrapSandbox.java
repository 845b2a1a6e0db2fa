package dev.sandpod.runner.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hardened local sandbox. Each execution is:
 * <pre>
 *   sh (root: joins a fresh cgroup, sets rlimits: CPU seconds, file size, open files, no core; then exec)
 *    → setpriv (uid/gid 65534, no groups, no capabilities, no-new-privs)
 *    → bwrap (new user/pid/net/ipc/uts/cgroup namespaces, no nested user namespaces, read-only /usr,
 *             a private /proc, /dev and size-capped /tmp, only /box holding the run's files)
 *    → the program
 * </pre>
 * The group is joined before the first exec, so no process of the tree ever runs outside it. A wall
 * clock, CPU-time or output overrun kills the whole group; the pid namespace dies with bwrap, so a
 * daemonized child cannot outlive the run.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** uid and gid of {@code nobody}: owns nothing on the host. */
    public static final int SANDBOX_ID = 65534;

    private static final long POLL_MS = 20;
    private static final long DRAIN_MS = 2000;
    private static final List<String> HOST_ROOT_LINKS = List.of("/bin", "/lib", "/lib64", "/lib32", "/libx32", "/sbin");
    private static final List<String> HOST_ETC = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/java-17-openjdk", "/etc/fpc.cfg", "/etc/fpc-3.2.2.cfg", "/etc/php", "/etc/perl",
            "/etc/localtime");

    private final Tools tools;
    private final Cgroups cgroups;
    private final List<String> rootBinds;

    public BubblewrapSandbox(Tools tools, Cgroups cgroups, Path workRoot) throws IOException {
        this.tools = tools;
        this.cgroups = cgroups;
        // The sandbox user must traverse the work root to reach its box, but not list the other runs.
        Files.setPosixFilePermissions(workRoot, PosixFilePermissions.fromString("rwx--x--x"));
        for (Path dir = workRoot.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("the sandbox user cannot reach the work root " + workRoot + ": " + dir
                        + " is not searchable by others (chmod o+x, or choose another SANDPOD_ENGINE_WORK_ROOT)");
            }
        }
        this.rootBinds = rootBinds(workRoot);
    }

    /** Absolute paths of the host tools the sandbox needs. */
    public record Tools(String sh, String setpriv, String bwrap) {
    }

    @Override
    public String describe() {
        return "bubblewrap + setpriv + " + cgroups.describe();
    }

    @Override
    public void prepareBox(Path box) throws IOException {
        Files.setAttribute(box, "unix:uid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(box, "unix:gid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
        try (Stream<Path> files = Files.walk(box)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setAttribute(file, "unix:uid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    @Override
    public Execution execute(SandboxCommand command) throws IOException {
        SandboxLimits limits = command.limits();
        Cgroup cgroup = cgroups.create(Cgroups.name(), limits);
        try {
            return run(command, limits, cgroup);
        } finally {
            cgroup.delete();
        }
    }

    /** A long-lived sandboxed process (a warm compiler): its own cgroup, stdin/stdout pipes, stderr dropped. */
    public record Service(Process process, Cgroup cgroup) implements AutoCloseable {
        @Override
        public void close() {
            process.destroyForcibly();
            cgroup.delete();
        }
    }

    /**
     * Starts {@code argv} with {@code box} writable at /box and {@code readOnly} host paths bound at the
     * given sandbox paths. The caller owns the service and must close it. Call it from a thread that
     * outlives the service: bwrap's --die-with-parent fires when the spawning thread exits.
     */
    public Service startService(List<String> argv, Path box, Map<Path, String> readOnly, Map<String, String> env,
                                SandboxLimits limits) throws IOException {
        Cgroup cgroup = cgroups.create(Cgroups.serviceName(), limits);
        try {
            List<String> binds = new ArrayList<>();
            readOnly.forEach((host, target) -> binds.addAll(List.of("--ro-bind", host.toString(), target)));
            ProcessBuilder builder = new ProcessBuilder(argv(new SandboxCommand(argv, box, true, null, env, limits),
                    cgroup, binds)).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            return new Service(builder.start(), cgroup);
        } catch (IOException | RuntimeException e) {
            cgroup.delete();
            throw e;
        }
    }

    private Execution run(SandboxCommand command, SandboxLimits limits, Cgroup cgroup) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv(command, cgroup, List.of()));
        builder.environment().clear();
        long started = System.nanoTime();
        Process process = builder.start();

        AtomicBoolean outputExceeded = new AtomicBoolean();
        Runnable killForOutput = () -> {
            outputExceeded.set(true);
            kill(process, cgroup);
        };
        AtomicLong budget = new AtomicLong(limits.outputBytes());
        CappedStream stdout = new CappedStream("sandbox-stdout", process.getInputStream(), budget, killForOutput);
        CappedStream stderr = new CappedStream("sandbox-stderr", process.getErrorStream(), budget, killForOutput);
        stdout.start();
        stderr.start();
        Thread stdin = feed(process, command.stdin());

        boolean wallExceeded = false;
        boolean cpuExceeded = false;
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(limits.wallMs());
        try {
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (command.cancelled().getAsBoolean()) {
                    kill(process, cgroup);
                } else if (cgroup.cpuMs() > limits.cpuMs()) {
                    cpuExceeded = true;
                    kill(process, cgroup);
                } else if (System.nanoTime() > deadline) {
                    wallExceeded = true;
                    kill(process, cgroup);
                }
            }
        } catch (InterruptedException e) {
            kill(process, cgroup);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the program ran", e);
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long cpuMs = cgroup.cpuMs();
        long memoryKb = cgroup.memoryPeakKb();
        boolean oom = cgroup.oomKilled();
        cgroup.killAll();
        join(stdout, stderr, stdin);

        int status = process.exitValue();
        Integer exitCode = Signals.exitCode(status);
        String signal = Signals.signal(status);
        if ("SIGXCPU".equals(signal) || cpuMs > limits.cpuMs()) {
            cpuExceeded = true;
        }
        return new Execution(exitCode, signal, stdout.bytes(), stderr.bytes(), outputExceeded.get(),
                wallExceeded, cpuExceeded, oom, wallMs, cpuMs, memoryKb);
    }

    private List<String> argv(SandboxCommand command, Cgroup cgroup, List<String> extraBinds) {
        SandboxLimits limits = command.limits();
        List<String> argv = new ArrayList<>();
        // The shell (root) joins the cgroup and sets the rlimits itself: one exec fewer than prlimit.
        String join = cgroup.procsFiles().stream()
                .map(file -> "echo $$ > '" + file + "'")
                .collect(Collectors.joining(" && "));
        long cpuSeconds = Math.max(1, (limits.cpuMs() + 999) / 1000);
        long fileBlocks = Math.max(1, (limits.fileSizeBytes() + 511) / 512);
        String rlimits = "ulimit -S -t " + cpuSeconds + " && ulimit -H -t " + (cpuSeconds + 1)
                + " && ulimit -f " + fileBlocks + " && ulimit -n " + limits.openFiles() + " && ulimit -c 0";
        argv.addAll(List.of(tools.sh(), "-c", join + " && " + rlimits + " && unset PWD OLDPWD && exec \"$@\"", "sandpod"));
        argv.addAll(List.of(tools.setpriv(), "--reuid=" + SANDBOX_ID, "--regid=" + SANDBOX_ID, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        argv.addAll(List.of(tools.bwrap(), "--unshare-all", "--unshare-user", "--disable-userns",
                "--die-with-parent", "--new-session", "--hostname", "sandbox"));
        argv.addAll(rootBinds);
        argv.addAll(List.of("--size", Long.toString(limits.tmpBytes()), "--tmpfs", "/tmp"));
        argv.addAll(List.of(command.boxWritable() ? "--bind" : "--ro-bind", command.box().toString(), "/box"));
        argv.addAll(extraBinds);
        argv.addAll(List.of("--remount-ro", "/", "--chdir", "/box", "--clearenv",
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "HOME", "/tmp",
                "--setenv", "TMPDIR", "/tmp",
                "--setenv", "LANG", "C.UTF-8"));
        for (Map.Entry<String, String> variable : command.env().entrySet()) {
            argv.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
        }
        argv.add("--");
        argv.addAll(command.argv());
        return argv;
    }

    /** The read-only view of the host: /usr, the root symlinks into it, and a few files of /etc. */
    private static List<String> rootBinds(Path workRoot) throws IOException {
        List<String> binds = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String path : HOST_ROOT_LINKS) {
            Path host = Path.of(path);
            if (Files.isSymbolicLink(host)) {
                binds.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), path));
            } else if (Files.isDirectory(host)) {
                binds.addAll(List.of("--ro-bind", path, path));
            }
        }
        for (String path : HOST_ETC) {
            binds.addAll(List.of("--ro-bind-try", path, path));
        }
        Path passwd = writeAtomically(workRoot.resolve("passwd"),
                "root:x:0:0::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin\n");
        Path group = writeAtomically(workRoot.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        binds.addAll(List.of("--ro-bind", passwd.toString(), "/etc/passwd", "--ro-bind", group.toString(), "/etc/group",
                "--proc", "/proc", "--dev", "/dev"));
        return List.copyOf(binds);
    }

    /** Another server sharing the work root may be binding this file right now: replace, never truncate. */
    private static Path writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        return Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Thread feed(Process process, byte[] stdin) {
        Thread writer = new Thread(() -> {
            try (OutputStream out = process.getOutputStream()) {
                if (stdin != null && stdin.length > 0) {
                    out.write(stdin);
                }
            } catch (IOException e) {
                // the program exited or closed stdin before reading it all
            }
        }, "sandbox-stdin");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static void kill(Process process, Cgroup cgroup) {
        process.destroyForcibly();
        cgroup.killAll();
    }

    private static void join(Thread... threads) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
