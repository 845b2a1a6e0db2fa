package dev.sandpod.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds where this process may create control groups (v1 or v2) and creates one per execution under
 * a {@code sandpod} parent beside this process's own group, so limits nest inside whatever limits the
 * host put on the server.
 */
public final class Cgroups {

    private static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct");
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path SELF = Path.of("/proc/self/cgroup");
    private static final String PARENT = "sandpod";

    private final boolean v2;
    private final List<Path> parents;

    private Cgroups(boolean v2, List<Path> parents) {
        this.v2 = v2;
        this.parents = List.copyOf(parents);
    }

    /** Detects the hierarchy and prepares the parent groups; throws with the reason when it cannot. */
    public static Cgroups detect() throws IOException {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2Mount = null;
        for (String line : Files.readAllLines(MOUNTINFO)) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] before = halves[0].split(" ");
            String[] after = halves[1].split(" ");
            Path mountPoint = Path.of(before[4]);
            if (after[0].equals("cgroup2") && mountPoint.equals(Path.of("/sys/fs/cgroup"))) {
                v2Mount = mountPoint;
            } else if (after[0].equals("cgroup") && after.length >= 3) {
                for (String option : after[2].split(",")) {
                    if (V1_CONTROLLERS.contains(option)) {
                        v1.put(option, mountPoint);
                    }
                }
            }
        }
        Map<String, String> own = ownPaths();
        if (v2Mount != null) {
            return new Cgroups(true, List.of(prepareV2(v2Mount, own.getOrDefault("", "/"))));
        }
        if (!v1.keySet().containsAll(V1_CONTROLLERS)) {
            throw new IOException("cgroup controllers " + V1_CONTROLLERS + " are not all mounted (found " + v1.keySet() + ")");
        }
        Set<Path> parents = new LinkedHashSet<>();
        for (String controller : V1_CONTROLLERS) {
            Path mount = v1.get(controller);
            Path ownDir = mount.resolve(relative(own.getOrDefault(controller, "/")));
            Path parent = (Files.isDirectory(ownDir) ? ownDir : mount).resolve(PARENT);
            Files.createDirectories(parent);
            parents.add(parent);
        }
        return new Cgroups(false, new ArrayList<>(parents));
    }

    public boolean v2() {
        return v2;
    }

    public String describe() {
        return (v2 ? "cgroup v2 " : "cgroup v1 ") + parents;
    }

    /** Creates the group {@code name} with the given limits applied. */
    public Cgroup create(String name, SandboxLimits limits) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path parent : parents) {
            Path dir = parent.resolve(name);
            Files.createDirectory(dir);
            dirs.add(dir);
        }
        Cgroup cgroup = new Cgroup(dirs, v2);
        try {
            if (v2) {
                Path dir = dirs.get(0);
                Cgroup.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
                writeIfPresent(dir.resolve("memory.swap.max"), "0");
                Cgroup.write(dir.resolve("pids.max"), Integer.toString(limits.processes()));
                Cgroup.write(dir.resolve("cpu.max"), quota(limits.cpus()) + " 100000");
            } else {
                for (Path dir : dirs) {
                    if (Files.exists(dir.resolve("memory.limit_in_bytes"))) {
                        Cgroup.write(dir.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                        writeIfPresent(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                        writeIfPresent(dir.resolve("memory.swappiness"), "0");
                    }
                    if (Files.exists(dir.resolve("pids.max"))) {
                        Cgroup.write(dir.resolve("pids.max"), Integer.toString(limits.processes()));
                    }
                    if (Files.exists(dir.resolve("cpu.cfs_quota_us"))) {
                        Cgroup.write(dir.resolve("cpu.cfs_period_us"), "100000");
                        Cgroup.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota(limits.cpus())));
                    }
                }
            }
        } catch (RuntimeException e) {
            cgroup.delete();
            throw new IOException(e.getMessage(), e);
        }
        return cgroup;
    }

    /**
     * Kills and removes groups left behind by a server that died mid-run. Group names carry the
     * owner's pid ({@code x<hex pid>-<n>}, {@code s<hex pid>-<n>}), so another live server's are left alone.
     * Returns how many were removed.
     */
    public int sweep() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Path parent : parents) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).map(child -> child.getFileName().toString())
                        .filter(name -> !ownerAlive(name)).forEach(names::add);
            }
        }
        for (String name : names) {
            List<Path> dirs = parents.stream().map(parent -> parent.resolve(name)).filter(Files::isDirectory).toList();
            new Cgroup(dirs, v2).delete();
        }
        return names.size();
    }

    /** Process-wide, so several engines in one JVM (tests, embedding) never pick the same name. */
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /** A fresh group name for one execution of this process: {@code x<hex pid>-<n>}. */
    static String name() {
        return "x" + Long.toHexString(ProcessHandle.current().pid()) + "-" + COUNTER.incrementAndGet();
    }

    /** A fresh group name for a long-lived service of this process: {@code s<hex pid>-<n>}. */
    static String serviceName() {
        return "s" + Long.toHexString(ProcessHandle.current().pid()) + "-" + COUNTER.incrementAndGet();
    }

    private static boolean ownerAlive(String name) {
        int dash = name.indexOf('-');
        if (!(name.startsWith("x") || name.startsWith("s")) || dash < 2) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(1, dash), 16);
            // This process's own groups belong to another engine in the same JVM: never sweep them.
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long quota(double cpus) {
        return Math.max(1000, Math.round(cpus * 100_000));
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Cgroup.write(file, value);
            } catch (IllegalStateException e) {
                // optional knob (swap accounting off, swappiness fixed by the host)
            }
        }
    }

    /** v2 forbids processes in a group that hands controllers to children: move ours to a leaf first. */
    private static Path prepareV2(Path mount, String ownPath) throws IOException {
        Path own = mount.resolve(relative(ownPath));
        String controllers = "+memory +pids +cpu";
        try {
            Cgroup.write(own.resolve("cgroup.subtree_control"), controllers);
        } catch (IllegalStateException busy) {
            Path leaf = own.resolve("sandpod-server");
            Files.createDirectories(leaf);
            for (String pid : Files.readAllLines(own.resolve("cgroup.procs"))) {
                if (!pid.isBlank()) {
                    Cgroup.write(leaf.resolve("cgroup.procs"), pid.trim());
                }
            }
            Cgroup.write(own.resolve("cgroup.subtree_control"), controllers);
        }
        Path parent = own.resolve(PARENT);
        Files.createDirectories(parent);
        Cgroup.write(parent.resolve("cgroup.subtree_control"), controllers);
        return parent;
    }

    private static Map<String, String> ownPaths() throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SELF)) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                for (String controller : parts[1].split(",")) {
                    paths.put(controller, parts[2]);
                }
            }
        }
        return paths;
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
