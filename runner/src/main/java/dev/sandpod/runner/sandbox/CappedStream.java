package dev.sandpod.runner.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains a pipe on its own thread, keeping at most the shared budget of bytes. Past the budget it
 * calls {@code onExceeded} once (the sandbox then kills the process tree) and discards the rest.
 */
final class CappedStream extends Thread {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final AtomicLong budget;
    private final Runnable onExceeded;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean exceeded;

    CappedStream(String name, InputStream in, AtomicLong budget, Runnable onExceeded) {
        super(name);
        setDaemon(true);
        this.in = in;
        this.budget = budget;
        this.onExceeded = onExceeded;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[CHUNK];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long before = budget.getAndAdd(-read);
                int keep = (int) Math.max(0, Math.min(read, before));
                kept.write(buffer, 0, keep);
                if (keep < read && !exceeded) {
                    exceeded = true;
                    onExceeded.run();
                }
            }
        } catch (IOException e) {
            // The process was killed and its pipe closed: what was read so far is the output.
        }
    }

    byte[] bytes() {
        return kept.toByteArray();
    }

    boolean exceeded() {
        return exceeded;
    }
}
