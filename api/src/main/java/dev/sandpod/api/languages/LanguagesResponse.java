package dev.sandpod.api.languages;

import dev.sandpod.runner.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What this server can run, and within which limits. */
@Serdeable
@Schema(description = "Languages this server can run, with default and maximum limits")
public record LanguagesResponse(
        Sandbox sandbox,
        @Schema(description = "limits a run gets when it names none") LimitsView defaultLimits,
        @Schema(description = "the most a run may ask for") LimitsView maximumLimits,
        List<LanguageView> languages) {

    @Serdeable
    public record Sandbox(boolean available, String description, @Nullable String reason) {
    }

    @Serdeable
    public record LanguageView(
            @Schema(example = "python") String id,
            @Schema(example = "Python") String name,
            @Nullable @Schema(example = "3.11.2") String version,
            List<String> aliases,
            boolean compiled,
            boolean available,
            @Nullable @Schema(description = "why it cannot run here, and the fix") String reason) {
    }

    @Serdeable
    public record LimitsView(long wallTimeMs, long cpuTimeMs, int memoryMb, int processes, long outputBytes,
                             long fileSizeBytes) {
        static LimitsView of(Limits limits) {
            return new LimitsView(limits.wallTimeMs(), limits.cpuTimeMs(), limits.memoryMb(), limits.processes(),
                    limits.outputBytes(), limits.fileSizeBytes());
        }
    }
}
