package dev.sandpod.runner.lang;

/** A catalog language as found on this host: its probed version, or why it cannot run. */
public record LanguageStatus(Language language, boolean available, String version, String unavailableReason) {
}
