package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The runner's limits; the pod's requests and limits and its activeDeadlineSeconds follow from them. */
public record RunLimits(
        @Min(1) @Max(30000) @JsonPropertyDescription("Wall-clock time per test case, in milliseconds (default 5000).")
        Long wallTimeMs,
        @Min(1) @Max(20000) @JsonPropertyDescription("CPU time per test case, in milliseconds (default 3000).")
        Long cpuTimeMs,
        @Min(1) @Max(1024) @JsonPropertyDescription("Memory in MiB (default 256); JVMs get it as -Xmx.")
        Integer memoryMb,
        @Min(1) @Max(256) @JsonPropertyDescription("Processes and threads at once (default 64).")
        Integer processes,
        @Min(1) @Max(16777216) @JsonPropertyDescription("stdout and stderr together, in bytes (default 1 MiB).")
        Long outputBytes,
        @Min(1) @Max(134217728) @JsonPropertyDescription("Largest file the program may write, in bytes (default 16 MiB).")
        Long fileSizeBytes) {
}
