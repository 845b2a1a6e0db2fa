package dev.sandpod.api.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The health body of seed 004; {@code system} is present only on the detailed endpoint. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Server health")
public record HealthResponse(
        @Schema(example = "healthy") String status,
        @Schema(description = "ISO-8601 UTC time of the answer", example = "2025-10-04T12:00:00Z") String timestamp,
        @Schema(description = "Seconds since the server started") double uptime,
        @Schema(example = "production") String environment,
        @Schema(example = "1.0.0") String version,
        @Nullable SystemInfo system,
        String message) {

    @Serdeable
    public record SystemInfo(Memory memory, Cpu cpu, @Schema(example = "posix") String platform) {
    }

    @Serdeable
    public record Memory(
            @Schema(description = "Used memory in MB") double used,
            @Schema(description = "Total memory in MB") double total,
            double percent,
            @Schema(example = "MB") String unit) {
    }

    @Serdeable
    public record Cpu(@JsonProperty("usage_percent") double usagePercent, int count) {
    }
}
