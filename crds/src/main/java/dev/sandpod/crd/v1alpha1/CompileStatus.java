package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The compile stage of a CodeRun. */
public record CompileStatus(
        @JsonPropertyDescription("OK, ERROR, TIME_LIMIT, MEMORY_LIMIT or SKIPPED.") String status,
        @JsonPropertyDescription("Compiler output, truncated.") String output,
        @JsonPropertyDescription("Compile time in milliseconds.") Long timeMs) {
}
