package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Counts and averages over the runs created in [from, to). Averages cover finished runs only. */
@Serdeable
public record RunStats(
        @Nullable Instant from,
        @Nullable Instant to,
        long total,
        Map<String, Long> byState,
        Map<String, Long> byVerdict,
        @Nullable Double avgRunTimeMs,
        @Nullable Double avgMemoryKb,
        List<LanguageStats> languages) {

    @Serdeable
    public record LanguageStats(String language, long runs, long ok, @Nullable Double avgRunTimeMs,
                                @Nullable Double avgMemoryKb) {
    }
}
