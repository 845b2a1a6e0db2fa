package dev.sandpod.runner;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Resource limits of one run. Every field is optional in a request: a null takes the engine's default,
 * and a value above the engine's maximum is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(
        Long wallTimeMs,
        Long cpuTimeMs,
        Integer memoryMb,
        Integer processes,
        Long outputBytes,
        Long fileSizeBytes) {

    public static Limits none() {
        return new Limits(null, null, null, null, null, null);
    }

    /** This request's limits, with the gaps filled from {@code defaults}. */
    public Limits orElse(Limits defaults) {
        return new Limits(
                wallTimeMs != null ? wallTimeMs : defaults.wallTimeMs,
                cpuTimeMs != null ? cpuTimeMs : defaults.cpuTimeMs,
                memoryMb != null ? memoryMb : defaults.memoryMb,
                processes != null ? processes : defaults.processes,
                outputBytes != null ? outputBytes : defaults.outputBytes,
                fileSizeBytes != null ? fileSizeBytes : defaults.fileSizeBytes);
    }
}
