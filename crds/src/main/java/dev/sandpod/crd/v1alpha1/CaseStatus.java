package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One test case's outcome, outputs truncated to keep the object small. */
public record CaseStatus(
        @JsonPropertyDescription("OK, WRONG_ANSWER, RUNTIME_ERROR, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT or INTERNAL_ERROR.")
        String verdict,
        @JsonPropertyDescription("Exit code, or null when a signal ended the program.") Integer exitCode,
        @JsonPropertyDescription("Signal name (SIGSEGV…) or null.") String signal,
        @JsonPropertyDescription("stdout, truncated.") String stdout,
        @JsonPropertyDescription("stderr, truncated.") String stderr,
        @JsonPropertyDescription("Whether stdout was cut.") Boolean stdoutTruncated,
        @JsonPropertyDescription("Whether stderr was cut.") Boolean stderrTruncated,
        @JsonPropertyDescription("Wall time in milliseconds.") Long wallTimeMs,
        @JsonPropertyDescription("CPU time in milliseconds.") Long cpuTimeMs,
        @JsonPropertyDescription("Peak memory in KiB.") Long memoryKb) {
}
