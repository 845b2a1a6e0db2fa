package dev.sandpod.runner;

/** One file of a multi-file request. {@code encoding} is {@code utf8} (default) or {@code base64}. */
public record SourceFile(String name, String content, String encoding) {
}
