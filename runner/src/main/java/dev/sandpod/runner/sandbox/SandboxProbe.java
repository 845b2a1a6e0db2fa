package dev.sandpod.runner.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides at startup whether the hardened sandbox can run here, and if not, says exactly what to
 * install or change. Never falls back to running unsandboxed on its own.
 */
public final class SandboxProbe {

    private static final List<String> SEARCH_PATH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    private SandboxProbe() {
    }

    /** Either a working sandbox or the reason there is none. */
    public record Outcome(Sandbox sandbox, String unavailableReason, int sweptCgroups) {
        public boolean available() {
            return sandbox != null;
        }
    }

    public static Outcome bubblewrap(Path workRoot) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return unavailable("the sandbox needs Linux (bubblewrap, cgroups); this is " + System.getProperty("os.name"));
        }
        Optional<String> bwrap = find("bwrap");
        if (bwrap.isEmpty()) {
            return unavailable("bwrap is missing: install the Debian package bubblewrap (apt-get install -y bubblewrap)");
        }
        Optional<String> setpriv = find("setpriv");
        if (setpriv.isEmpty()) {
            return unavailable("setpriv is missing: install the Debian package util-linux");
        }
        Optional<String> sh = find("sh");
        if (sh.isEmpty()) {
            return unavailable("/bin/sh is missing: install the Debian package dash");
        }
        Cgroups cgroups;
        int swept;
        try {
            cgroups = Cgroups.detect();
            swept = cgroups.sweep();
        } catch (IOException | RuntimeException e) {
            return unavailable("cannot create cgroups (" + e.getMessage() + "): run the server as root, "
                    + "or give it a delegated cgroup v2 subtree");
        }
        try {
            Files.createDirectories(workRoot);
            var sandbox = new BubblewrapSandbox(new BubblewrapSandbox.Tools(sh.get(), setpriv.get(), bwrap.get()), cgroups, workRoot);
            String failure = smokeTest(sandbox, workRoot);
            return failure == null ? new Outcome(sandbox, null, swept) : unavailable(failure);
        } catch (IOException e) {
            return unavailable("the sandbox could not start: " + e.getMessage());
        }
    }

    /** Runs {@code /bin/true} once: catches hosts where user namespaces are disabled. */
    private static String smokeTest(Sandbox sandbox, Path workRoot) throws IOException {
        Path box = Files.createTempDirectory(workRoot, "probe-");
        try {
            sandbox.prepareBox(box);
            SandboxLimits limits = new SandboxLimits(5000, 5000, 64L << 20, 16, 4096, 1 << 20, 1 << 20, 1, 64);
            Execution execution = sandbox.execute(new SandboxCommand(List.of("/bin/true"), box, false, new byte[0],
                    Map.of(), limits));
            if (execution.succeeded()) {
                return null;
            }
            String stderr = new String(execution.stderr(), StandardCharsets.UTF_8).strip();
            boolean namespaces = stderr.contains("namespace") || stderr.contains("Operation not permitted");
            return "bubblewrap could not start a sandbox (" + stderr + ")" + (namespaces
                    ? ": enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)"
                    : "");
        } finally {
            Files.deleteIfExists(box);
        }
    }

    private static Optional<String> find(String tool) {
        return SEARCH_PATH.stream().map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst()
                .map(Path::toString);
    }

    private static Outcome unavailable(String reason) {
        return new Outcome(null, reason, 0);
    }
}
