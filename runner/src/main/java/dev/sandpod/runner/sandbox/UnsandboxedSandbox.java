package dev.sandpod.runner.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code isolation: none}: runs programs as this process's own user with only a wall clock and an
 * output cap. For development on machines without bubblewrap or cgroups; never for untrusted code.
 */
public final class UnsandboxedSandbox implements Sandbox {

    @Override
    public String describe() {
        return "NONE (no isolation: development only)";
    }

    @Override
    public void prepareBox(Path box) {
        // the programs run as this user already
    }

    @Override
    public Execution execute(SandboxCommand command) throws IOException {
        SandboxLimits limits = command.limits();
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(command.box().toFile());
        // only what the sandbox would set: never this process's own environment (it may hold secrets)
        builder.environment().clear();
        builder.environment().putAll(command.env());
        long started = System.nanoTime();
        Process process = builder.start();
        AtomicBoolean outputExceeded = new AtomicBoolean();
        AtomicLong budget = new AtomicLong(limits.outputBytes());
        Runnable kill = () -> {
            outputExceeded.set(true);
            destroyTree(process);
        };
        CappedStream stdout = new CappedStream("plain-stdout", process.getInputStream(), budget, kill);
        CappedStream stderr = new CappedStream("plain-stderr", process.getErrorStream(), budget, kill);
        stdout.start();
        stderr.start();
        try (OutputStream in = process.getOutputStream()) {
            if (command.stdin() != null) {
                in.write(command.stdin());
            }
        } catch (IOException e) {
            // the program did not read all of its input
        }
        boolean wallExceeded = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.wallMs());
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (command.cancelled().getAsBoolean() || System.nanoTime() > deadline) {
                    wallExceeded = !command.cancelled().getAsBoolean();
                    destroyTree(process);
                    process.waitFor();
                }
            }
            stdout.join(1000);
            stderr.join(1000);
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the program ran", e);
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int status = process.exitValue();
        Integer exitCode = Signals.exitCode(status);
        String signal = Signals.signal(status);
        return new Execution(exitCode, signal, stdout.bytes(), stderr.bytes(), outputExceeded.get(), wallExceeded,
                false, false, wallMs, 0, 0);
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
