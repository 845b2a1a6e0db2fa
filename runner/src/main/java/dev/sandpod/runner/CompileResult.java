package dev.sandpod.runner;

/**
 * The compile stage: {@code OK}, {@code ERROR} (the source did not compile), {@code TIME_LIMIT},
 * {@code MEMORY_LIMIT}, or {@code SKIPPED} for interpreted languages.
 */
public record CompileResult(String status, String output, long timeMs) {

    public static CompileResult skipped() {
        return new CompileResult("SKIPPED", "", 0);
    }

    public boolean succeeded() {
        return "OK".equals(status) || "SKIPPED".equals(status);
    }
}
