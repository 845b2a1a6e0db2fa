package dev.sandpod.runner.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One per-execution control group (v1: a directory per controller; v2: one directory). */
public final class Cgroup {

    private static final int KILL_ROUNDS = 100;

    private final List<Path> dirs;
    private final boolean v2;

    Cgroup(List<Path> dirs, boolean v2) {
        this.dirs = List.copyOf(dirs);
        this.v2 = v2;
    }

    /** The {@code cgroup.procs} files a process writes its pid into to join this group. */
    public List<Path> procsFiles() {
        return dirs.stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    public long cpuMs() {
        if (v2) {
            return statValue(dirs.get(0).resolve("cpu.stat"), "usage_usec") / 1000;
        }
        return find("cpuacct.usage").map(file -> readLong(file) / 1_000_000).orElse(0L);
    }

    public long memoryPeakKb() {
        String file = v2 ? "memory.peak" : "memory.max_usage_in_bytes";
        return find(file).map(path -> readLong(path) / 1024).orElse(0L);
    }

    public boolean oomKilled() {
        if (v2) {
            return statValue(dirs.get(0).resolve("memory.events"), "oom_kill") > 0;
        }
        return find("memory.oom_control").map(file -> statValue(file, "oom_kill") > 0).orElse(false);
    }

    /** Kills every process in the group, repeating until it is empty (a fork bomb keeps forking). */
    public void killAll() {
        if (v2 && Files.exists(dirs.get(0).resolve("cgroup.kill"))) {
            write(dirs.get(0).resolve("cgroup.kill"), "1");
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Long> pids = pids();
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            sleep();
        }
    }

    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path procs : procsFiles()) {
            try {
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.trim()));
                    }
                }
            } catch (IOException e) {
                // already removed
            }
        }
        return pids;
    }

    /** Kills what is left and removes the directories. */
    public void delete() {
        killAll();
        for (Path dir : dirs) {
            for (int attempt = 0; attempt < KILL_ROUNDS && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    sleep();
                }
            }
        }
    }

    public boolean exists() {
        return dirs.stream().anyMatch(Files::exists);
    }

    private java.util.Optional<Path> find(String file) {
        return dirs.stream().map(dir -> dir.resolve(file)).filter(Files::exists).findFirst();
    }

    static long readLong(Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return value.equals("max") ? Long.MAX_VALUE : Long.parseLong(value);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static long statValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
